"""test_sweep.py - scripts/sweep.py under pytest (make sweep-test, in make test).

Owns: a sweep runs every point once, each with the report hbmsim gives
for that point's config; finished points are not run again (resume), and
an edited sweep in the same folder takes none of the old points; bad
sweep files (unknown key, knob, preset or workload, a knob value the
config loader refuses) are refused before any point runs, naming file and
line; --slurm without sbatch says so and leaves the job array, whose
per-task command runs a point here; the CSV has a row per point and the
Pareto front is what its definition says.
"""
import csv
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SWEEP = os.path.join(ROOT, "scripts", "sweep.py")
HBMSIM = os.environ.get("HBMSIM", os.path.join(ROOT, "build", "hbmsim"))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import sweep as sweep_mod  # noqa: E402

SMALL = """[sweep]
presets   = hbm2_2000 hbm2e_3200
workloads =
    stream
    tiled:chunk=1536,pitch=16384
requests  = 3000
[knobs]
page_policy = open adaptive
"""


def sweep(tmp_path, text, *args, env=None):
    f = tmp_path / "s.sweep"
    f.write_text(text)
    return subprocess.run([sys.executable, SWEEP, str(f), "--out", str(tmp_path / "out"), "--hbmsim", HBMSIM,
                           "--jobs", "2"] + list(args), capture_output=True, text=True, env=env)


def points_run(tmp_path):
    d = tmp_path / "out" / "points"
    return sorted(os.listdir(d)) if d.exists() else []


def test_every_point_runs_once_with_hbmsims_report_and_resumes(tmp_path):
    r = sweep(tmp_path, SMALL)
    assert r.returncode == 0, r.stderr
    assert "8 points (8 run now, 0 already done)" in r.stdout
    rows = list(csv.DictReader(open(tmp_path / "out" / "results.csv")))
    assert [(x["preset"], x["page_policy"], x["workload"]) for x in rows][:3] == [
        ("hbm2_2000", "open", "stream"), ("hbm2_2000", "open", "tiled:chunk=1536,pitch=16384"),
        ("hbm2_2000", "adaptive", "stream")]
    assert len(rows) == 8
    # point 3: hbm2_2000, adaptive, tiled: the same report as hbmsim on that config
    cfg = tmp_path / "adaptive.ini"
    cfg.write_text("based_on = %s\n[controller]\npage_policy = adaptive\n" % os.path.join(ROOT, "configs", "hbm2_2000.ini"))
    want = json.loads(subprocess.run([HBMSIM, "--config", str(cfg), "--workload", "tiled:chunk=1536,pitch=16384",
                                      "--requests", "3000", "--json", "--no-refresh-cost"],
                                     capture_output=True, text=True, check=True).stdout)
    got = json.load(open(tmp_path / "out" / "points" / "00003.json"))["report"]
    for k in ("cycles", "bandwidth_pct", "acts", "pj_per_bit", "energy_pj"):
        assert got[k] == want[k], k
    assert rows[3]["cycles"] == str(want["cycles"])
    # again: nothing runs; one point removed: only it runs
    r = sweep(tmp_path, SMALL)
    assert "8 points (0 run now, 8 already done)" in r.stdout, r.stdout
    os.remove(tmp_path / "out" / "points" / "00005.json")
    r = sweep(tmp_path, SMALL)
    assert "8 points (1 run now, 7 already done)" in r.stdout, r.stdout
    # another sweep in the same folder (workloads swapped, more requests):
    # no stored point is taken for one of its own
    r = sweep(tmp_path, SMALL.replace("= 3000", "= 4000"))
    assert "8 points (8 run now, 0 already done)" in r.stdout, r.stdout
    assert json.load(open(tmp_path / "out" / "points" / "00000.json"))["report"]["reads"] == 4000


@pytest.mark.parametrize("text, message", [
    (SMALL.replace("requests", "requestz"), ":6: unknown key 'requestz' in [sweep]"),
    (SMALL.replace("page_policy", "page_polcy"), ":8: unknown knob 'page_polcy'"),
    (SMALL.replace("hbm2e_3200", "hbm9"), ":2: preset 'hbm9' is neither a file nor configs/hbm9.ini"),
    (SMALL.replace("    stream", "    streem"), ":3: workload 'streem' refused on preset hbm2_2000"),
    (SMALL.replace("open adaptive", "open sometimes"), ":8: knobs {'page_policy': 'sometimes'} on preset hbm2_2000 refused"),
    (SMALL.replace("[knobs]", "[knob]"), ":7: unknown section '[knob]'"),
    (SMALL.replace("= 3000", "= -5"), ":6: key 'requests' = '-5': expected a positive integer"),
    (SMALL.replace("hbm2_2000 hbm2e_3200", ""), ":2: no presets"),
])
def test_a_bad_sweep_file_is_refused_before_any_point_runs(tmp_path, text, message):
    r = sweep(tmp_path, text)
    assert r.returncode == 2
    assert message in r.stderr, r.stderr
    assert points_run(tmp_path) == []


def test_slurm_without_sbatch_leaves_the_array_and_its_task_runs_here(tmp_path):
    env = dict(os.environ, PATH="/usr/bin:/bin")
    assert not any(os.path.exists(os.path.join(d, "sbatch")) for d in env["PATH"].split(":"))
    r = sweep(tmp_path, SMALL, "--slurm", env=env)
    assert r.returncode == 3
    assert "sbatch not found" in r.stdout
    script = (tmp_path / "out" / "sweep.sbatch").read_text()
    assert "#SBATCH --array=0-7" in script
    assert points_run(tmp_path) == []
    # the task's command, as Slurm would run it for task 6
    task = subprocess.run(["bash", str(tmp_path / "out" / "sweep.sbatch")], capture_output=True, text=True,
                          env=dict(env, SLURM_ARRAY_TASK_ID="6"))
    assert task.returncode == 0, task.stderr
    assert points_run(tmp_path) == ["00006.json"]
    assert json.load(open(tmp_path / "out" / "points" / "00006.json"))["point"]["preset"] == "hbm2e_3200"


def test_the_pareto_front_keeps_the_points_nothing_beats_on_both():
    pts = [(10.0, 3.0, "a"), (12.0, 4.0, "b"), (9.0, 2.0, "c"), (11.0, 3.5, "d"), (8.0, 2.5, "e"), (12.0, 3.9, "f")]
    front = sweep_mod.pareto(pts)
    assert [p[2] for p in front] == ["f", "d", "a", "c"]
