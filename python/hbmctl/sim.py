"""Runs and the model cycle by cycle.

run() is hbmsim as a function: the same C loop (sim/hbm_run.c), the same
checks, the same report, returned as a dict.  Model is one controller's
model driven from Python, one cycle per call to tick().
"""
import collections
import json
import os
import re
import tempfile

from . import _native
from .config import Config
from .errors import CheckFailed, HbmError

ffi, lib = _native.ffi, _native.lib

BURST_BYTES = 32


class Report(dict):
    """hbmsim --json's report: every field by its JSON name (r["cycles"],
    also r.cycles).  messages: what the run said besides (warnings)."""

    messages = ""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _config(config):
    return config if isinstance(config, Config) else Config(config)


def _is_write(kind):
    if isinstance(kind, str):
        k = kind.upper()
        if k in ("R", "READ", "LD", "RD"):
            return False
        if k in ("W", "WRITE", "ST", "WR"):
            return True
        raise HbmError("request kind %r: R, READ, LD, W, WRITE or ST" % kind)
    return bool(kind)


def _write_trace(requests, f):
    """requests as a DRAMSim3 trace (address, kind, earliest cycle)."""
    n = 0
    for n, r in enumerate(requests, 1):
        try:
            addr, kind = r[0], r[1]
            cycle = r[2] if len(r) > 2 else 0
        except (TypeError, IndexError):
            raise HbmError("requests[%d] = %r: (address, kind[, cycle])" % (n - 1, r)) from None
        if not isinstance(addr, int) or addr < 0 or not isinstance(cycle, int) or cycle < 0:
            raise HbmError("requests[%d] = %r: address and cycle are non-negative integers" % (n - 1, r))
        f.write("0x%x %s %d\n" % (addr, "WRITE" if _is_write(kind) else "READ", cycle))
    return n


def _args(workload, trace, requests, seed, stacks, check, refresh_cost, resp_stall, req_gap, axi, cmdlog,
          fault_read, bw_window):
    args = ["--json", "--seed", str(int(seed))]
    if workload is not None:
        args += ["--workload", str(workload)]
    if trace is not None:
        args += ["--trace", os.fspath(trace)]
    if requests is not None:
        args += ["--requests", str(int(requests))]
    if stacks is not None:
        args += ["--stacks", str(int(stacks))]
    if not check:
        args.append("--no-check")
    if not refresh_cost:
        args.append("--no-refresh-cost")
    if resp_stall:
        args += ["--resp-stall", str(int(resp_stall))]
    if req_gap:
        args += ["--req-gap", str(int(req_gap))]
    if axi is not None:
        args += ["--axi", axi if isinstance(axi, str) else ",".join(str(int(x)) for x in axi)
                 if isinstance(axi, (tuple, list)) else str(int(axi))]
    if cmdlog is not None:
        args += ["--cmdlog", os.fspath(cmdlog)]
    if fault_read:
        args += ["--fault-read", str(int(fault_read))]
    if bw_window is not None:
        args += ["--bw-window", str(int(bw_window))]
    return args


def _run_args(cfg, args, threads):
    report = ffi.new("char **")
    messages = ffi.new("char **")
    keep = [ffi.new("char[]", a.encode()) for a in args]
    argv = ffi.new("const char *[]", keep)
    rc = lib.hbm_capi_run(cfg.text.encode(), cfg.path.encode(), cfg.name.encode(), len(args), argv, threads, report, messages)
    try:
        out = ffi.string(report[0]).decode(errors="replace")
        msg = ffi.string(messages[0]).decode(errors="replace")
    finally:
        lib.hbm_capi_free(report[0])
        lib.hbm_capi_free(messages[0])
    return rc, out, msg


def run(config, workload=None, trace=None, requests=None, seed=1, *, stacks=None, check=True,
        refresh_cost=True, resp_stall=0, req_gap=0, axi=None, cmdlog=None, threads=None, fault_read=0,
        bw_window=None):
    """Run a workload or a trace to completion, as
    `hbmsim --config CONFIG --workload SPEC|--trace FILE --json ...` would.

    config:   a preset name ("hbm2_2000"), an .ini path or a Config
    workload: a workload spec ("stream", "mixed:write_pct=30", "llm-decode:...")
    trace:    a trace file (DRAMSim3 or Ramulator format), or an iterable
              of requests (address, kind[, earliest cycle]) with kind
              "R"/"W" (or READ/WRITE/LD/ST, or a bool: True = write)
    requests: how many requests (a workload's default 100000; a trace: all)
    seed, stacks, resp_stall, req_gap, axi, cmdlog: hbmsim's --seed,
              --stacks, --resp-stall, --req-gap, --axi BYTES[,IDS], --cmdlog
    check:    False runs the model alone (hbmsim --no-check)
    refresh_cost: False skips the second run without refresh
    threads:  a stack's tick threads (default: the CPUs, at most 8)
    bw_window: the bandwidth monitor's window in controller clocks
              (hbmsim --bw-window): the report gains bwmon_* fields
    fault_read: test hook: flip a bit of the Nth read's data (the data
              check must then fail)

    Returns the Report.  Raises HbmError on bad input (the simulator's
    message: file:line, key, value) and CheckFailed when a check failed.
    """
    cfg = _config(config)
    if (workload is None) == (trace is None):
        raise HbmError("give exactly one of workload and trace")
    if threads is None:
        threads = min(os.cpu_count() or 1, 8)
    tmp = None
    if trace is not None and not isinstance(trace, (str, bytes, os.PathLike)):
        tmp = tempfile.NamedTemporaryFile("w", suffix=".trace", prefix="hbmctl_", delete=False)
        try:
            with tmp:
                _write_trace(trace, tmp)
        except BaseException:
            os.unlink(tmp.name)
            raise
        trace = tmp.name
    try:
        rc, out, msg = _run_args(cfg, _args(workload, trace, requests, seed, stacks, check, refresh_cost,
                                            resp_stall, req_gap, axi, cmdlog, fault_read, bw_window), threads)
    finally:
        if tmp is not None:
            os.unlink(tmp.name)
    if tmp is not None:   # name the requests, not the file they passed through
        msg = re.sub(re.escape(tmp.name) + r":(\d+)", lambda m: "requests[%d]" % (int(m.group(1)) - 1), msg)
        msg = msg.replace(tmp.name, "requests")
    if rc == 2 or not out.strip():
        raise HbmError(msg.strip() or "hbmctl: the run failed (status %d)" % rc)
    report = Report(json.loads(out))
    report.messages = msg
    if tmp is not None and "workload" in report:
        report["workload"] = "requests"
    if rc == 1:
        raise CheckFailed(msg.strip() or "a check failed", report)
    return report


def _bwmon_registers():
    regs = {}
    for a in range(32):   # 1 << HBM_BWMON_ADDR_BITS
        name = lib.hbm_capi_bwmon_reg_name(a)
        if name != ffi.NULL:
            regs[ffi.string(name).decode()] = a
    return regs


BWMON_REGISTERS = _bwmon_registers()
"""The bandwidth monitor's register map, name -> address (model/hbm_encoding.def)."""


Response = collections.namedtuple("Response", "id write data accept_cycle done_cycle")
Response.__doc__ = """A response: the request's id, write (True: a write's
acknowledgement), data (32 bytes; zeros for a write), the cycle the
request was accepted and the cycle of its last data beat."""


class Model:
    """One pseudo-channel's controller model, cycle by cycle, with the JEDEC
    checker on its commands (the protocol of model/hbm_model.h):

        m = Model("hbm2_2000")
        if m.push(0x1000, write=True, data=bytes(range(32))): ...
        m.tick()
        r = m.pop()           # a Response or None
        m.report()            # the hbmsim report of the run so far

    In each cycle: push at most one request, pop at most one response,
    then tick.  Cycles are DRAM clocks (the controller's edge every
    dfi_ratio of them).
    """

    def __init__(self, config):
        cfg = _config(config)
        err = ffi.new("char[]", 1024)
        self.config = cfg
        self._m = lib.hbm_capi_model_create(cfg.text.encode(), cfg.path.encode(), cfg.name.encode(), err, 1024)
        if self._m == ffi.NULL:
            raise HbmError(ffi.string(err).decode(errors="replace"))
        self.capacity = lib.hbm_capi_model_capacity(self._m)
        self.id_bits = lib.hbm_capi_model_id_bits(self._m)
        self.dfi_ratio = lib.hbm_capi_model_dfi_ratio(self._m)
        self.tck_ps = lib.hbm_capi_model_tck_ps(self._m)
        self._buf = ffi.new("uint8_t[]", BURST_BYTES)
        self._id = ffi.new("uint32_t *")
        self._wr = ffi.new("int *")
        self._acc = ffi.new("uint64_t *")
        self._done = ffi.new("uint64_t *")

    @property
    def _p(self):
        if self._m == ffi.NULL:
            raise HbmError("the model is closed")
        return self._m

    @property
    def cycle(self):
        """The DRAM clock the model is in."""
        return lib.hbm_capi_model_cycle(self._p)

    @property
    def idle(self):
        """True when nothing is queued, in flight or waiting as a response."""
        return bool(lib.hbm_capi_model_idle(self._p))

    def _addr(self, addr):
        if not isinstance(addr, int) or addr < 0 or addr >= self.capacity:
            raise HbmError("address %r beyond the capacity 0x%x of %s" % (addr, self.capacity, self.config.name))
        return addr

    def can_accept(self, addr, write=False):
        """True if a request to addr would be taken this cycle."""
        return bool(lib.hbm_capi_model_can_accept(self._p, self._addr(addr), bool(write)))

    def push(self, addr, write=False, id=0, data=None, mask=0xFFFFFFFF):
        """Offer one request this cycle (data: up to 32 bytes for a write,
        mask: byte enables, bit i for byte i).  True if taken; False if
        not this cycle (the request port register is full, or a request
        was taken already this cycle).  HbmError for an address beyond the
        capacity or an id wider than id_bits."""
        self._addr(addr)
        if not isinstance(id, int) or id < 0 or id >= 1 << self.id_bits:
            raise HbmError("id %r wider than id_bits = %d" % (id, self.id_bits))
        buf = ffi.NULL
        if write:
            raw = bytes(data or b"")
            if len(raw) > BURST_BYTES:
                raise HbmError("write data of %d bytes: a burst is %d" % (len(raw), BURST_BYTES))
            buf = ffi.from_buffer("uint8_t[]", raw.ljust(BURST_BYTES, b"\0"))
        rc = lib.hbm_capi_model_push(self._p, addr, bool(write), id, buf, mask & 0xFFFFFFFF)
        if rc in (3, 4):   # checked above; the C side agrees
            raise HbmError("request refused (code %d)" % rc)
        return rc == 0

    def pop(self):
        """Take the response offered this cycle: a Response, or None."""
        if not lib.hbm_capi_model_pop(self._p, self._id, self._wr, self._buf, self._acc, self._done):
            return None
        return Response(self._id[0], bool(self._wr[0]), bytes(ffi.buffer(self._buf, BURST_BYTES)),
                        self._acc[0], self._done[0])

    def tick(self, n=1):
        """End n cycles (the model's commands and data, then the next cycle)."""
        lib.hbm_capi_model_tick(self._p, n)

    def bwmon(self, register, write=None):
        """The bandwidth monitor's register port in this cycle: address
        register (a name of BWMON_REGISTERS or a number), written with
        write at the edge unless None.  Returns the read data now: the
        register addressed in the cycle before, as it was then."""
        addr = BWMON_REGISTERS.get(register, -1) if isinstance(register, str) else int(register)
        if not 0 <= addr < 32:   # 1 << HBM_BWMON_ADDR_BITS
            raise HbmError("bandwidth monitor register %r: 0..31 or a name of %s"
                           % (register, ", ".join(BWMON_REGISTERS)))
        return lib.hbm_capi_model_bwmon(self._p, addr, write is not None, 0 if write is None else write & 0xFFFFFFFF)

    def peek(self, addr):
        """The 32-byte burst holding addr, read past the controller (no cycle passes)."""
        lib.hbm_capi_model_peek(self._p, self._addr(addr), self._buf)
        return bytes(ffi.buffer(self._buf, BURST_BYTES))

    def poke(self, addr, data):
        """Write the 32-byte burst holding addr past the controller (preloading)."""
        raw = bytes(data)
        if len(raw) != BURST_BYTES:
            raise HbmError("poke takes %d bytes, got %d" % (BURST_BYTES, len(raw)))
        lib.hbm_capi_model_poke(self._p, self._addr(addr), ffi.from_buffer("uint8_t[]", raw))

    def report(self, source="requests"):
        """The hbmsim report of the run so far (checker included) as a Report."""
        text = lib.hbm_capi_model_report(self._p, source.encode())
        if text == ffi.NULL:
            raise MemoryError
        try:
            return Report(json.loads(ffi.string(text).decode()))
        finally:
            lib.hbm_capi_free(text)

    def close(self):
        """Free the model now (otherwise when it is collected)."""
        m, self._m = getattr(self, "_m", ffi.NULL), ffi.NULL
        if m != ffi.NULL:
            lib.hbm_capi_model_free(m)

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def drive(model, requests):
    """Run requests (address, kind[, earliest cycle]) through model with
    hbmsim's driver loop (sim/hbm_drive.c) in Python: the next request is
    offered once its cycle has come and the port takes it, every response
    is taken at once, an id is never in flight twice; returns when every
    request is answered.  The reference for a Python-driven run: on the
    same requests it gives hbmsim --no-check's report (the tests check it)."""
    ids, busy, next_id, pending, it, done = 1 << model.id_bits, set(), 0, None, iter(requests), False
    while True:
        if pending is None and not done:
            r = next(it, None)
            done = r is None
            if r is not None:
                pending = (r[0], _is_write(r[1]), r[2] if len(r) > 2 else 0)
        if done and model.idle:
            return
        if pending is not None and model.cycle >= pending[2] and model.can_accept(pending[0], pending[1]):
            while next_id in busy:
                next_id = (next_id + 1) % ids
            busy.add(next_id)
            model.push(pending[0], write=pending[1], id=next_id)
            next_id = (next_id + 1) % ids
            pending = None
        r = model.pop()
        if r is not None:
            busy.discard(r.id)
        model.tick()
