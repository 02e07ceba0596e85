#!/usr/bin/env python3
"""sweep.py - a design-space sweep: presets x knob values x workloads, one
hbmsim process per point, run here in parallel or as a Slurm job array.

    scripts/sweep.py FILE [--out DIR] [--jobs N] [--hbmsim PATH]
    scripts/sweep.py FILE --slurm [--out DIR] [--partition P] [--time T]
    scripts/sweep.py FILE --one ID [--out DIR]      (one point: what a task runs)
    scripts/sweep.py FILE --list                    (the points, numbered)

The sweep file (docs/sweeps.md; sweeps/demo.sweep is an example):

    [sweep]
    presets   = hbm2_2000 hbm2e_3200        ; names in configs/ or .ini paths
    workloads =                             ; one spec a line (specs hold commas)
        stream
        tiled:chunk=1536,pitch=16384
    requests  = 200000                      ; per point
    seed      = 1
    [knobs]                                 ; any config key: its values, space-separated
    read_queue_depth = 16 32
    page_policy      = open adaptive

Every point is checked before any runs: an unknown key, preset or workload,
or a knob value the config loader refuses, stops the sweep naming it (and
the file and line).  Results: DIR/points/NNNNN.json (one per point, written
whole or not at all, so an interrupted sweep resumes where it stopped and
finished points are never rerun), DIR/results.csv (every point, a column
per knob and per report field), and gnuplot charts in DIR/charts/ when
gnuplot is installed: bandwidth and pJ/bit against each knob, the
bandwidth/energy Pareto front, tokens/s and J/token per preset
(llm-decode points).  --slurm writes DIR/sweep.sbatch, an array of one task
per point each running `sweep.py FILE --one $SLURM_ARRAY_TASK_ID`, and
submits it with sbatch (without sbatch: says so and leaves the script);
run `sweep.py FILE --out DIR` again afterwards to collect the CSV and charts.
"""
import argparse
import csv
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SWEEP_KEYS = {"presets", "workloads", "requests", "seed"}


class SweepError(Exception):
    pass


def config_keys():
    """{key: section} of every config key (model/hbm_params.def)."""
    keys = {}
    with open(os.path.join(ROOT, "model", "hbm_params.def")) as f:
        for m in re.finditer(r"^HBM_PARAM\((\w+),\s*(\w+),", f.read(), re.M):
            keys[m.group(2)] = m.group(1)
    return keys


def parse_sweep(path):
    """The sweep file as {section: {key: (value, line)}}; errors name file:line."""
    sections, cur, last = {}, None, None
    try:
        text = open(path).read()
    except OSError as e:
        raise SweepError("%s: cannot read the sweep file: %s" % (path, e.strerror))
    for n, raw in enumerate(text.splitlines(), 1):
        line = re.split(r"[;#]", raw, 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] in " \t" and last is not None:   # a continuation of the last value
            key, (val, ln) = last
            sections[cur][key] = ((val + "\n" + line.strip()).strip(), ln)
            last = (key, sections[cur][key])
            continue
        line = line.strip()
        if line.startswith("["):
            if not line.endswith("]") or line[1:-1] not in ("sweep", "knobs"):
                raise SweepError("%s:%d: unknown section '%s' (expected [sweep] or [knobs])" % (path, n, line))
            cur = line[1:-1]
            sections.setdefault(cur, {})
            last = None
            continue
        if "=" not in line:
            raise SweepError("%s:%d: expected 'key = value', got '%s'" % (path, n, line))
        if cur is None:
            raise SweepError("%s:%d: '%s' before any [section]" % (path, n, line))
        key, val = (s.strip() for s in line.split("=", 1))
        if key in sections[cur]:
            raise SweepError("%s:%d: key '%s' repeated (first on line %d)" % (path, n, key, sections[cur][key][1]))
        sections[cur][key] = (val, n)
        last = (key, sections[cur][key])
    return sections


def preset_path(name):
    for p in (name, os.path.join(ROOT, "configs", name), os.path.join(ROOT, "configs", name + ".ini")):
        if os.path.isfile(p) and p.endswith(".ini"):
            return os.path.abspath(p)
    return None


class Sweep:
    def __init__(self, path):
        self.path = path
        sec = parse_sweep(path)
        sw, knobs = sec.get("sweep", {}), sec.get("knobs", {})
        for key, (val, ln) in sw.items():
            if key not in SWEEP_KEYS:
                raise SweepError("%s:%d: unknown key '%s' in [sweep] (expected %s)"
                                 % (path, ln, key, ", ".join(sorted(SWEEP_KEYS))))
        for key in ("presets", "workloads"):
            if key not in sw:
                raise SweepError("%s: [sweep] needs '%s'" % (path, key))
        self.presets = []
        for name in sw["presets"][0].split():
            p = preset_path(name)
            if p is None:
                raise SweepError("%s:%d: preset '%s' is neither a file nor configs/%s.ini"
                                 % (path, sw["presets"][1], name, name))
            self.presets.append((os.path.splitext(os.path.basename(p))[0], p))
        if not self.presets:
            raise SweepError("%s:%d: no presets" % (path, sw["presets"][1]))
        self.workloads = [w for w in sw["workloads"][0].split("\n") if w.strip()]
        self.workload_line = sw["workloads"][1]
        if not self.workloads:
            raise SweepError("%s:%d: no workloads" % (path, sw["workloads"][1]))
        self.requests, self.seed = 100000, 1
        for key in ("requests", "seed"):
            if key in sw:
                val, ln = sw[key]
                if not re.fullmatch(r"[0-9]+", val) or int(val) < 1:
                    raise SweepError("%s:%d: key '%s' = '%s': expected a positive integer" % (path, ln, key, val))
                setattr(self, key, int(val))
        ckeys = config_keys()
        self.knobs = []   # [(key, section, [values], line)]
        for key, (val, ln) in knobs.items():
            if key not in ckeys:
                raise SweepError("%s:%d: unknown knob '%s': not a config key (docs/configuration.md)"
                                 % (path, ln, key))
            values = val.split()
            if not values:
                raise SweepError("%s:%d: knob '%s' has no values" % (path, ln, key))
            self.knobs.append((key, ckeys[key], values, ln))

    def points(self):
        """Every point, in order: presets outermost, workloads innermost."""
        pts = []
        for (pname, ppath), values in itertools.product(
                self.presets, itertools.product(*(k[2] for k in self.knobs))):
            setting = [(k[0], k[1], v) for k, v in zip(self.knobs, values)]
            for w in self.workloads:
                pts.append({"id": len(pts), "preset": pname, "preset_path": ppath,
                            "knobs": {k: v for k, _, v in setting}, "sections": {k: s for k, s, _ in setting},
                            "workload": w})
        return pts


def config_text(p):
    lines = ["; generated by scripts/sweep.py", "based_on = %s" % p["preset_path"]]
    by_sec = {}
    for k, v in p["knobs"].items():
        by_sec.setdefault(p["sections"][k], []).append("%s = %s" % (k, v))
    for sec, kvs in by_sec.items():
        lines.append("[%s]" % sec)
        lines.extend(kvs)
    return "\n".join(lines) + "\n"


def config_file(out, p):
    """The point's config file (written when missing or different); its
    name carries the preset's path's hash, so presets of one base name in
    other folders do not share it."""
    tag = hashlib.sha1(p["preset_path"].encode()).hexdigest()[:8]
    name = p["preset"] + "-" + tag + "".join("__%s=%s" % kv for kv in sorted(p["knobs"].items()))
    path = os.path.join(out, "configs", re.sub(r"[^A-Za-z0-9_.=-]", "_", name) + ".ini")
    text = config_text(p)
    old = None
    if os.path.exists(path):
        with open(path) as f:
            old = f.read()
    if old != text:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".%d.%d.tmp" % (os.getpid(), id(p))
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    return path


def hbmsim_cmd(hbmsim, cfg, workload, requests, seed):
    return [hbmsim, "--config", cfg, "--workload", workload, "--requests", str(requests),
            "--seed", str(seed), "--json", "--no-refresh-cost"]


def validate(sw, out, hbmsim):
    """Refuse the sweep before any point runs: each config and workload once."""
    done_cfg, done_wl = set(), set()
    for p in sw.points():
        cfg = config_file(out, p)
        for kind, key, cmd in (("config", cfg, hbmsim_cmd(hbmsim, cfg, "stream", 1, 1)),
                               ("workload", (cfg, p["workload"]), hbmsim_cmd(hbmsim, cfg, p["workload"], 1, 1))):
            seen = done_cfg if kind == "config" else done_wl
            if key in seen:
                continue
            seen.add(key)
            r = subprocess.run(cmd + ["--no-check"], capture_output=True, text=True)
            if r.returncode != 0:
                msg = (r.stderr.strip() or r.stdout.strip()).splitlines()
                msg = msg[0] if msg else "exit %d" % r.returncode
                if kind == "config":
                    lines = ",".join(str(k[3]) for k in sw.knobs)
                    raise SweepError("%s:%s: knobs %s on preset %s refused: %s"
                                     % (sw.path, lines, p["knobs"], p["preset"], msg))
                raise SweepError("%s:%d: workload '%s' refused on preset %s: %s"
                                 % (sw.path, sw.workload_line, p["workload"], p["preset"], msg))


def point_file(out, i):
    return os.path.join(out, "points", "%05d.json" % i)


def run_point(sw, out, hbmsim, p):
    """Run one point unless its result exists; returns (point, result, ran)."""
    dst = point_file(out, p["id"])
    me = {"id": p["id"], "preset": p["preset"], "preset_path": p["preset_path"], "knobs": p["knobs"],
          "workload": p["workload"], "requests": sw.requests, "seed": sw.seed}
    if os.path.exists(dst):
        try:
            with open(dst) as f:
                done = json.load(f)
            if done["point"] == me:   # the same point of the same sweep: done
                return p, done["report"], False
        except (ValueError, KeyError, OSError):
            pass   # a torn file from a killed run, or another sweep's point: run it again
    cfg = config_file(out, p)
    r = subprocess.run(hbmsim_cmd(hbmsim, cfg, p["workload"], sw.requests, sw.seed), capture_output=True, text=True)
    try:
        report = json.loads(r.stdout)
    except ValueError:
        raise SweepError("point %d (%s %s %s) failed: %s" % (p["id"], p["preset"], p["knobs"], p["workload"],
                                                              (r.stderr.strip() or "no report").splitlines()[-1]))
    if r.returncode != 0:
        raise SweepError("point %d (%s %s %s): a check failed (exit %d): %s"
                         % (p["id"], p["preset"], p["knobs"], p["workload"], r.returncode, r.stderr.strip()))
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(dst), suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        json.dump({"point": me, "report": report}, f)
    os.replace(tmp, dst)
    return p, report, True


def write_csv(sw, out, rows):
    knob_names = [k[0] for k in sw.knobs]
    fields = []
    for _, rep in rows:
        for k in rep:
            if k not in fields and k not in ("config", "workload"):
                fields.append(k)
    path = os.path.join(out, "results.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "preset"] + knob_names + ["workload"] + fields)
        for p, rep in rows:
            w.writerow([p["id"], p["preset"]] + [p["knobs"][k] for k in knob_names] + [p["workload"]] +
                       ["" if rep.get(k) is None else rep.get(k) for k in fields])
    return path


def pareto(points):
    """The points no other beats on both: more bandwidth and fewer pJ/bit."""
    front, best = [], None
    for bw, e, label in sorted(points, key=lambda t: (-t[0], t[1])):
        if best is None or e < best:
            front.append((bw, e, label))
            best = e
    return front


def charts(sw, out, rows):
    gp = shutil.which("gnuplot")
    cdir = os.path.join(out, "charts")
    os.makedirs(cdir, exist_ok=True)
    scripts = []
    energy = [(p, r) for p, r in rows if r.get("pj_per_bit") is not None]
    # bandwidth and pJ/bit against each knob: one line per preset and workload
    for key, _, values, _ in sw.knobs:
        dat = os.path.join(cdir, "knob_%s.dat" % key)
        series = {}
        for p, r in rows:
            series.setdefault("%s %s" % (p["preset"], p["workload"]), []).append((p["knobs"][key], r))
        with open(dat, "w") as f:
            for name, pts in series.items():
                f.write("# %s\n" % name)
                for i, v in enumerate(values):
                    rs = [r for kv, r in pts if kv == v]
                    if rs:
                        bw = sum(float(r["bandwidth_pct"]) for r in rs) / len(rs)
                        pj = [float(r["pj_per_bit"]) for r in rs if r.get("pj_per_bit") is not None]
                        f.write("%d \"%s\" %.3f %s\n" % (i, v, bw, "%.4f" % (sum(pj) / len(pj)) if pj else "NaN"))
                f.write("\n\n")
        for col, what, name in ((3, "bandwidth (% of peak)", "bandwidth"), (4, "energy (pJ/bit)", "pj_per_bit")):
            lines = ", ".join("'%s' index %d using 1:%d:xtic(2) with linespoints title '%s'"
                              % (dat, i, col, t.replace("'", "")) for i, t in enumerate(series))
            scripts.append((os.path.join(cdir, "%s_vs_%s.png" % (name, key)),
                            "set xlabel '%s'; set ylabel '%s'; set key outside right; set grid;\n"
                            "set xrange [-0.3:%f]\nplot %s" % (key, what, len(values) - 0.7, lines)))
    # the bandwidth / energy Pareto front of each workload (a workload's
    # points compete with each other: presets and knobs, same traffic)
    if energy:
        dat = os.path.join(cdir, "pareto.dat")
        plots = []
        with open(dat, "w") as f, open(os.path.join(out, "pareto.txt"), "w") as txt:
            txt.write("# the bandwidth/energy Pareto front of each workload: the points no other point of\n"
                      "# that workload beats on both GB/s (more) and pJ/bit (fewer)\n")
            for k, w in enumerate(sw.workloads):
                pts = [(float(r["achieved_gbps"]), float(r["pj_per_bit"]),
                        "%s %s" % (p["preset"], " ".join("%s=%s" % kv for kv in p["knobs"].items())))
                       for p, r in energy if p["workload"] == w]
                front = pareto(pts)
                for block in (pts, sorted(front)):
                    for bw, e, label in block:
                        f.write("%.3f %.4f \"%s\"\n" % (bw, e, label))
                    f.write("\n\n")
                txt.write("%s:\n" % w)
                for bw, e, label in front:
                    txt.write("  %8.3f GB/s %7.4f pJ/bit  %s\n" % (bw, e, label))
                plots.append("'%s' index %d using 1:2 with points pt 7 ps 0.7 lc %d title '%s'"
                             % (dat, 2 * k, k + 1, w.replace("'", "")))
                plots.append("'%s' index %d using 1:2 with lines lw 2 lc %d notitle" % (dat, 2 * k + 1, k + 1))
        scripts.append((os.path.join(cdir, "pareto.png"),
                        "set xlabel 'bandwidth (GB/s per pseudo-channel)'; set ylabel 'energy (pJ/bit)'; set grid;\n"
                        "set key outside right\nplot %s" % ", ".join(plots)))
    # tokens/s and J/token per preset (llm-decode points)
    llm = [(p, r) for p, r in rows if r.get("llm_tokens_per_s") is not None]
    if llm:
        dat = os.path.join(cdir, "llm.dat")
        with open(dat, "w") as f:
            for i, (p, r) in enumerate(llm):
                label = p["preset"] + "".join(" %s=%s" % kv for kv in p["knobs"].items())
                f.write("%d \"%s\" %s %s\n" % (i, label, r["llm_tokens_per_s"],
                                                r.get("llm_joules_per_token") or "NaN"))
        scripts.append((os.path.join(cdir, "llm.png"),
                        "set style fill solid 0.6; set boxwidth 0.4; set xtics rotate by -30; set grid y;\n"
                        "set ylabel 'tokens/s'; set y2label 'J per token'; set y2tics; set ytics nomirror;\n"
                        "plot '%s' using ($1-0.2):3:xtic(2) with boxes title 'tokens/s', "
                        "'' using ($1+0.2):4 axes x1y2 with boxes title 'J/token'" % dat))
    if not gp:
        print("sweep: gnuplot not found: the charts' data are in %s, no pictures" % cdir, file=sys.stderr)
        return []
    made = []
    for png, body in scripts:
        r = subprocess.run([gp], input="set terminal pngcairo size 1100,600 noenhanced\nset output '%s'\n%s\n" % (png, body),
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise SweepError("gnuplot failed on %s: %s" % (png, r.stderr.strip()))
        made.append(png)
    return made


def slurm(sw, out, args, npoints):
    script = os.path.join(out, "sweep.sbatch")
    me = os.path.abspath(__file__)
    body = ["#!/bin/bash",
            "# generated by scripts/sweep.py: one task per point of %s" % os.path.abspath(sw.path),
            "#SBATCH --job-name=hbmctl-sweep",
            "#SBATCH --array=0-%d" % (npoints - 1),
            "#SBATCH --cpus-per-task=1",
            "#SBATCH --output=%s/slurm/%%A_%%a.log" % os.path.abspath(out)]
    if args.partition:
        body.append("#SBATCH --partition=%s" % args.partition)
    if args.time:
        body.append("#SBATCH --time=%s" % args.time)
    body += ["set -euo pipefail",
             "cd %s" % ROOT,
             "exec python3 %s %s --out %s --hbmsim %s --one \"${SLURM_ARRAY_TASK_ID}\""
             % (me, os.path.abspath(sw.path), os.path.abspath(out), os.path.abspath(args.hbmsim)), ""]
    os.makedirs(os.path.join(out, "slurm"), exist_ok=True)
    with open(script, "w") as f:
        f.write("\n".join(body))
    os.chmod(script, 0o755)
    sbatch = shutil.which("sbatch")
    if not sbatch:
        print("sweep: sbatch not found: no Slurm here. The job array is in %s; submit it with\n"
              "  sbatch %s\non a Slurm cluster, then run\n  scripts/sweep.py %s --out %s\n"
              "to collect the results." % (script, script, sw.path, out))
        return 3
    r = subprocess.run([sbatch, script], capture_output=True, text=True)
    print(r.stdout.strip() or r.stderr.strip())
    return r.returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--out", default=None, help="results directory (default build/sweep/<file name>)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--hbmsim", default=os.path.join(ROOT, "build", "hbmsim"))
    ap.add_argument("--one", type=int, default=None, help="run point ID only (a Slurm task)")
    ap.add_argument("--list", action="store_true", help="list the points and exit")
    ap.add_argument("--slurm", action="store_true", help="write and submit a Slurm job array")
    ap.add_argument("--partition", default=None)
    ap.add_argument("--time", default=None, help="Slurm time limit per task")
    args = ap.parse_args()
    out = args.out or os.path.join(ROOT, "build", "sweep", os.path.splitext(os.path.basename(args.file))[0])
    try:
        sw = Sweep(args.file)
        pts = sw.points()
        if args.list:
            for p in pts:
                print("%5d %s %s %s" % (p["id"], p["preset"], " ".join("%s=%s" % kv for kv in p["knobs"].items()),
                                        p["workload"]))
            return 0
        if not os.access(args.hbmsim, os.X_OK):
            raise SweepError("no hbmsim at %s (make builds it; --hbmsim names another)" % args.hbmsim)
        os.makedirs(out, exist_ok=True)
        if args.one is not None:
            if not 0 <= args.one < len(pts):
                raise SweepError("point %d: the sweep has points 0 to %d" % (args.one, len(pts) - 1))
            _, rep, ran = run_point(sw, out, args.hbmsim, pts[args.one])
            print("sweep: point %d %s: %s %% of peak" % (args.one, "done" if ran else "already done",
                                                          rep["bandwidth_pct"]))
            return 0
        validate(sw, out, args.hbmsim)
        if args.slurm:
            return slurm(sw, out, args, len(pts))
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            results = list(pool.map(lambda p: run_point(sw, out, args.hbmsim, p), pts))
        ran = sum(1 for _, _, r in results if r)
        rows = [(p, rep) for p, rep, _ in results]
        path = write_csv(sw, out, rows)
        made = charts(sw, out, rows)
        print("sweep: %d points (%d run now, %d already done) -> %s; %d charts in %s"
              % (len(pts), ran, len(pts) - ran, path, len(made), os.path.join(out, "charts")))
        return 0
    except SweepError as e:
        print("sweep: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
