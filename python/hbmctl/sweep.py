"""Sweeps: every combination of configs, knob values and workloads, one
run each, as rows for a table (pandas.DataFrame(rows) takes them as they
are).

The runs go on threads: the C loop lets go of Python's lock while it runs,
so a sweep uses every core without a process per point.
"""
import concurrent.futures
import itertools
import os

from .config import Config
from .errors import CheckFailed, HbmError
from .sim import run


def sweep(configs, knobs=None, workloads=("stream",), requests=20000, seed=1, workers=None, **run_options):
    """Run every point of configs x knob values x workloads.

    configs:   a preset name, an .ini path or a Config, or a list of them
    knobs:     {key: [values]} with keys as Config overrides take them
               ("queue_depth" or "controller.queue_depth")
    workloads: workload specs
    requests, seed, run_options: as run() takes them, the same for every point
    workers:   runs at once (default: the CPUs)

    Returns one row per point, in the order of the product (configs
    outermost, workloads innermost): {"config": name, each knob: value,
    "workload": spec, and every field of the run's report}.  A point whose
    config or run is refused raises HbmError naming the point.
    """
    if isinstance(configs, (str, os.PathLike, Config)):
        configs = [configs]
    if isinstance(workloads, str):
        workloads = [workloads]
    knobs = dict(knobs or {})
    names = list(knobs)
    points = []
    for base in configs:
        base = base if isinstance(base, Config) else Config(base)
        for values in itertools.product(*(knobs[k] for k in names)):
            setting = dict(zip(names, values))
            cfg = Config(base, setting) if setting else base
            for w in workloads:
                points.append((cfg, setting, w))
    run_options.setdefault("threads", 1)   # the sweep's own threads use the cores

    def one(point):
        cfg, setting, w = point
        try:
            rep = run(cfg, workload=w, requests=requests, seed=seed, **run_options)
        except CheckFailed:
            raise
        except HbmError as e:
            raise HbmError("sweep point %s %s %s: %s" % (cfg.name, setting, w, e)) from None
        row = {"config": cfg.name}
        row.update(setting)
        row["workload"] = w
        for k, v in rep.items():
            if k not in row:
                row[k] = v
        return row

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        return list(pool.map(one, points))
