"""The package's exceptions."""


class HbmError(Exception):
    """Bad input: a config, an option, a trace line or a request the
    simulator refuses.  The message is the simulator's own (file:line,
    key and value where there is one)."""


class CheckFailed(HbmError):
    """A run finished but a check failed: a timing violation, a data error
    or a protocol error.  report holds the run's report."""

    def __init__(self, message, report):
        super().__init__(message)
        self.report = report
