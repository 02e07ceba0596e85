"""hbmctl: the golden model of the hbmctl HBM controller, for Python.

    import hbmctl
    r = hbmctl.run("hbm2_2000", workload="stream", requests=100000)
    r["bandwidth_pct"]                      # hbmsim --json's report, as a dict
    rows = hbmctl.sweep("hbm2_2000", knobs={"queue_depth": [8, 16, 32]},
                        workloads=["random", "mixed:write_pct=30"])
    m = hbmctl.Model("hbm2_2000")           # cycle by cycle: push, tick, pop

The loops run in C (the project's model/ and sim/ through cffi); see
docs/python.md.
"""
from .config import Config, presets
from .errors import CheckFailed, HbmError
from .sim import BWMON_REGISTERS, Model, Report, Response, drive, run
from .sweep import sweep

__all__ = ["Config", "presets", "HbmError", "CheckFailed", "Model", "Report", "Response", "drive", "run", "sweep",
           "BWMON_REGISTERS"]
__version__ = "0.1.0"
