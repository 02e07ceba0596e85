#!/usr/bin/env python3
"""fpga_sim.py - the self-test SoC in simulation against hbmsim.

    scripts/fpga_sim.py --vbist build/fpga-sim/ulx3s/vbist --hbmsim build/hbmsim \
        --config build/fpga-sim/ulx3s/bist.ini [--requests N] [--seed S] [SPEC ...]

Runs each workload SPEC (hbmsim's syntax; the SoC's six: stream,
multistream:n=N, stride:bytes=B, random, mixed:write_pct=P,
tiled:chunk=C,pitch=P) on the Verilated SoC through its serial port
(tb/fpga/vbist.cpp), then hbmsim on the same config, workload, request
count and seed, and compares the report lines field by field: cycles,
requests, bytes, bandwidth, read latency (average, maximum), row hits,
misses and conflicts, ACT, PRE, auto-precharges and refreshes must be
equal, and the SoC must have seen no data or protocol error, no timing
violation, and the simulation must print nothing but the serial lines (the
device model prints each protocol error and timing violation).  Then bad
input over the serial port (an unknown workload, zero requests, an
unknown register, a line that is no command, parameters out of range):
each must get its error line, and a run after them must still match
hbmsim.  Exit 0 when all agree, 1 on the first difference (both lines
printed), 2 on bad usage.
"""
import argparse
import json
import subprocess
import sys

KINDS = {"stream": (0, []), "multistream": (1, ["n"]), "stride": (2, ["bytes"]),
         "random": (3, []), "mixed": (4, ["write_pct"]), "tiled": (5, ["chunk", "pitch"])}
# Fields both reports have, which must be equal.
SAME = ["cycles", "reads", "writes", "bytes_read", "bytes_written", "bandwidth_pct",
        "read_latency_avg", "read_latency_max", "row_hits", "row_misses", "row_conflicts",
        "acts", "precharges", "auto_precharges", "refreshes", "protocol_errors", "timing_violations"]
# Bad input and the start of the error line each must get.
BAD = [("0=9", "unknown workload 9"), ("3=0", "requests must be 1..4294967295, not 0"),
       ("9=1", "unknown register 9"), ("run", "bad command"),
       ("0=5;1=60;2=40;g", "tiled:chunk=96,pitch=64: a parameter is out of range"),
       ("0=2;1=33;g", "stride:bytes=51: a parameter is out of range")]


def usage(msg):
    sys.stderr.write("fpga_sim: %s\n" % msg)
    sys.exit(2)


def soc_lines(spec, requests, seed):
    """The serial lines that run SPEC: registers, then g."""
    name, _, args = spec.partition(":")
    if name not in KINDS:
        usage("workload '%s' is not one the SoC runs (%s)" % (spec, ", ".join(KINDS)))
    kind, keys = KINDS[name]
    given = {}
    for kv in args.split(",") if args else []:
        key, eq, value = kv.partition("=")
        if not eq or not value.isdigit():
            usage("workload '%s': '%s' is not KEY=NUMBER" % (spec, kv))
        given[key] = int(value)
    if sorted(given) != sorted(keys):
        usage("workload '%s' must give %s" % (spec, ", ".join(keys) or "no parameters"))
    lines = ["0=%x" % kind]
    for reg, key in enumerate(keys, start=1):
        lines.append("%d=%x" % (reg, given[key]))
    lines += ["3=%x" % requests, "4=%x" % seed, "g"]
    return ";".join(lines)


def run_soc(vbist, runs):
    args = [vbist]
    for r in runs:
        args += ["--run", r]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        sys.exit("fpga_sim: %s failed (exit %d)" % (vbist, p.returncode))
    # the serial lines (a simulation's own messages, such as the device's, start otherwise)
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    noise = [l for l in p.stdout.splitlines() if not l.startswith("{")]
    for l in noise[:5]:
        print("fpga_sim: the simulation said: %s" % l)
    reports = [json.loads(l) for l in lines[1:]]   # the first line is the help line
    if len(reports) != len(runs):
        print("fpga_sim: %d runs but %d lines from the SoC" % (len(runs), len(reports)))
        sys.exit(1)
    return reports, noise


def hbmsim(path, config, spec, requests, seed):
    p = subprocess.run([path, "--config", config, "--workload", spec, "--requests", str(requests),
                        "--seed", str(seed), "--json"], capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        sys.exit("fpga_sim: hbmsim failed on %s" % spec)
    return json.loads(p.stdout)


def compare(soc, ref, spec, note=""):
    bad = [f for f in SAME if str(soc.get(f)) != str(ref.get(f))]
    if soc.get("workload") != spec:
        bad.append("workload")
    if soc.get("data_errors") != 0:
        bad.append("data_errors")
    if bad:
        print("fpga_sim: %s%s: the SoC and hbmsim differ in %s" % (spec, note, ", ".join(bad)))
        print("  SoC:    %s" % json.dumps(soc))
        print("  hbmsim: %s" % json.dumps(ref))
        return False
    print("fpga_sim: %-30s %8s cycles, %6s %% of peak, latency avg %s max %s, %s ACT, %s refreshes: "
          "equal to hbmsim%s" % (spec, soc["cycles"], soc["bandwidth_pct"], soc["read_latency_avg"],
                               soc["read_latency_max"], soc["acts"], soc["refreshes"], note))
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vbist", required=True)
    ap.add_argument("--hbmsim", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-bad-input", action="store_true", help="skip the bad-input checks")
    ap.add_argument("specs", nargs="*", default=["stream", "multistream:n=4", "mixed:write_pct=20"])
    a = ap.parse_args()
    if a.requests < 1 or a.requests > 0xffffffff or a.seed < 0 or a.seed + 1 > 0xffffffffffffffff:
        usage("--requests must be 1..2^32-1 and --seed 0..2^64-2")

    runs = [soc_lines(s, a.requests, a.seed) for s in a.specs]
    bad_runs = [] if a.no_bad_input else [b[0] for b in BAD]
    # after the bad input, one more run: the SoC must still work
    last = soc_lines(a.specs[0], a.requests, a.seed + 1)
    reports, noise = run_soc(a.vbist, runs + bad_runs + ([last] if bad_runs else []))
    ok = not noise
    if noise:
        print("fpga_sim: the simulation printed %d lines besides the serial port's (above)" % len(noise))
    for spec, soc in zip(a.specs, reports):
        ok = compare(soc, hbmsim(a.hbmsim, a.config, spec, a.requests, a.seed), spec) and ok
    if bad_runs:
        for (cmd, want), got in zip(BAD, reports[len(a.specs):]):
            msg = got.get("error", "")
            if not msg.startswith(want):
                print("fpga_sim: bad input '%s': expected an error starting '%s', got %s"
                      % (cmd, want, json.dumps(got)))
                ok = False
        ok = compare(reports[-1], hbmsim(a.hbmsim, a.config, a.specs[0], a.requests, a.seed + 1),
                     a.specs[0], " (seed %d, after the bad input)" % (a.seed + 1)) and ok
        if ok:
            print("fpga_sim: %d bad inputs each got their error line; the SoC kept running" % len(BAD))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
