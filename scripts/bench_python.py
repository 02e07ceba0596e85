"""bench_python.py - what the Python package costs over hbmsim (make bench).

Per run, CPU-seconds of hbmctl's call in this process against hbmsim's
whole process on the same requests, the median of three:
  - a trace file of random reads and writes (hbmctl.run(trace=FILE));
  - the same requests as a Python list (written to a temporary trace first);
  - a built-in workload (hbmctl.run(workload=...));
  - hbmctl.Model driven cycle by cycle from Python (the loop of hbmsim's
    driver in Python), in simulated cycles per CPU-second, beside hbmsim's.
Figures only; nothing here fails on a number.

    build/venv/bin/python scripts/bench_python.py HBMSIM OUT_DIR  -> OUT_DIR/python_speed.txt
"""
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import hbmctl

CONFIG = "configs/hbm2_2000.ini"


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def hbmsim_cpu(hbmsim, args):
    t = child_cpu()
    subprocess.run([hbmsim, "--config", CONFIG, "--json"] + args, check=True, stdout=subprocess.DEVNULL)
    return child_cpu() - t


def call_cpu(fn):
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


def median3(fn):
    return statistics.median(fn() for _ in range(3))


def main():
    hbmsim, out_dir = sys.argv[1], sys.argv[2]
    n = int(os.environ.get("BENCH_PYTHON_REQUESTS", "500000"))
    rng = random.Random(1)
    reqs = [(rng.randrange(1 << 23) * 32, "W" if rng.random() < 0.2 else "R") for _ in range(n)]
    rows = ["run requests hbmctl-CPU-s hbmsim-CPU-s ratio"]
    with tempfile.TemporaryDirectory() as tmp:
        trace = os.path.join(tmp, "random.trace")
        with open(trace, "w") as f:
            f.writelines("%s 0x%x\n" % ("ST" if k == "W" else "LD", a) for a, k in reqs)
        runs = [
            ("trace-file", lambda: hbmctl.run(CONFIG, trace=trace), ["--trace", trace]),
            ("trace-list", lambda: hbmctl.run(CONFIG, trace=reqs), ["--trace", trace]),
            ("workload-stream", lambda: hbmctl.run(CONFIG, workload="stream", requests=n),
             ["--workload", "stream", "--requests", str(n)]),
        ]
        for name, fn, args in runs:
            mine = median3(lambda: call_cpu(fn)[0])
            theirs = median3(lambda: hbmsim_cpu(hbmsim, args))
            rows.append("%s %d %.3f %.3f %.2f" % (name, n, mine, theirs, mine / theirs))
        # cycle by cycle from Python: simulated cycles per CPU-second
        m_n = n // 10
        step = reqs[:m_n]

        def stepped():
            with hbmctl.Model(CONFIG) as m:
                cpu, _ = call_cpu(lambda: hbmctl.drive(m, step))
                return m.cycle / cpu

        mine = median3(stepped)
        small = os.path.join(tmp, "small.trace")
        with open(small, "w") as f:
            f.writelines("%s 0x%x\n" % ("ST" if k == "W" else "LD", a) for a, k in step)
        cycles = hbmctl.run(CONFIG, trace=small, refresh_cost=False).cycles
        theirs = median3(lambda: cycles / hbmsim_cpu(hbmsim, ["--trace", small, "--no-refresh-cost"]))
        rows.append("Model-step-M-cycles-per-CPU-s %d %.3f %.3f %.3f" % (m_n, mine / 1e6, theirs / 1e6, mine / theirs))
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "python_speed.txt"), "w") as f:
        f.write("\n".join(rows) + "\n")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
