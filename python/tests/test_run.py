"""hbmctl.run is hbmsim as a function: the same report, field for field,
and the same errors."""
import os

import pytest

import hbmctl

WORKLOADS = [
    ("hbm2_2000", "stream", 20000),
    ("hbm2_2000", "random", 5000),
    ("hbm2_2000", "mixed:write_pct=30", 8000),
    ("hbm2e_3200", "kvblock", 6000),
    ("baseline", "llm-decode", 6000),
]


@pytest.mark.parametrize("preset,workload,requests", WORKLOADS)
def test_a_workload_run_gives_hbmsims_report_field_for_field(hbmsim, preset, workload, requests):
    rc, want, _ = hbmsim("--config", "configs/%s.ini" % preset, "--workload", workload, "--requests", requests,
                         "--seed", 7)
    got = hbmctl.run(preset, workload=workload, requests=requests, seed=7)
    assert rc == 0
    assert dict(got) == want


def test_a_stack_runs_through_its_axi_ports_with_the_same_report(hbmsim):
    rc, want, _ = hbmsim("--config", "configs/hbm2_stack.ini", "--workload", "random", "--requests", 8000)
    assert rc == 0
    assert dict(hbmctl.run("hbm2_stack", workload="random", requests=8000, threads=1)) == want
    assert dict(hbmctl.run("hbm2_stack", workload="random", requests=8000, threads=2)) == want


def test_a_trace_file_and_the_same_requests_as_a_list_give_hbmsims_report(hbmsim, tmp_path):
    requests = [((i * 7919 * 32) % (1 << 26), "W" if i % 5 == 0 else "R") for i in range(3000)]
    trace = tmp_path / "t.trace"
    trace.write_text("".join("%s 0x%x\n" % ("ST" if k == "W" else "LD", a) for a, k in requests))
    rc, want, _ = hbmsim("--config", "configs/hbm2_2000.ini", "--trace", trace)
    assert rc == 0
    from_file = hbmctl.run("hbm2_2000", trace=trace)
    from_list = hbmctl.run("hbm2_2000", trace=requests)
    assert dict(from_file) == want
    assert from_list["workload"] == "requests"
    assert {k: v for k, v in from_list.items() if k != "workload"} == \
           {k: v for k, v in want.items() if k != "workload"}


def test_requests_with_an_earliest_cycle_wait_for_it():
    r = hbmctl.run("hbm2_2000", trace=[(0, "R"), (4096, "R", 5000)], refresh_cost=False)
    assert r.cycles > 5000
    assert r.reads == 2


def test_a_report_reads_as_a_dict_and_by_attribute():
    r = hbmctl.run("hbm2_2000", workload="stream", requests=2000, check=False, refresh_cost=False)
    assert r.cycles == r["cycles"]
    assert r.bytes_read == 2000 * 32
    assert r["timing_violations"] is None   # no checker ran: null, not 0
    with pytest.raises(AttributeError):
        r.no_such_field


def test_bad_input_names_what_is_wrong():
    with pytest.raises(hbmctl.HbmError, match="unknown workload 'strem'"):
        hbmctl.run("hbm2_2000", workload="strem")
    with pytest.raises(hbmctl.HbmError, match="exactly one of workload and trace"):
        hbmctl.run("hbm2_2000")
    with pytest.raises(hbmctl.HbmError, match=r"--requests must be at least 1"):
        hbmctl.run("hbm2_2000", workload="stream", requests=0)
    with pytest.raises(hbmctl.HbmError, match="no preset 'hbm9'"):
        hbmctl.run("hbm9", workload="stream")


def test_a_bad_trace_line_is_named_by_file_and_line(tmp_path):
    trace = tmp_path / "bad.trace"
    trace.write_text("LD 0x0\nLD 0x40\nXX 0x80\n")
    with pytest.raises(hbmctl.HbmError, match=r"bad\.trace:3"):
        hbmctl.run("hbm2_2000", trace=trace)


def test_a_bad_request_in_a_list_is_named_by_its_index():
    with pytest.raises(hbmctl.HbmError, match=r"requests\[2\].*beyond the capacity"):
        hbmctl.run("hbm2_2000", trace=[(0, "R"), (32, "W"), (1 << 40, "R")])
    with pytest.raises(hbmctl.HbmError, match=r"requests\[1\]"):
        hbmctl.run("hbm2_2000", trace=[(0, "R"), (-32, "R")])
    with pytest.raises(hbmctl.HbmError, match="kind 'X'"):
        hbmctl.run("hbm2_2000", trace=[(0, "X")])


def test_a_failed_data_check_raises_with_the_report():
    with pytest.raises(hbmctl.CheckFailed) as e:
        hbmctl.run("hbm2_2000", workload="random", requests=500, fault_read=17, refresh_cost=False)
    assert e.value.report["data_errors"] == 1
    assert "data error" in str(e.value)


def test_the_bandwidth_monitor_reports_its_windows_and_counts_every_byte(hbmsim):
    rc, want, _ = hbmsim("--config", "configs/hbm2_2000.ini", "--workload", "mixed", "--requests", 6000,
                         "--bw-window", 500)
    r = hbmctl.run("hbm2_2000", workload="mixed", requests=6000, bw_window=500)
    assert rc == 0 and dict(r) == want
    assert (r.bwmon_read_bytes, r.bwmon_write_bytes) == (r.bytes_read, r.bytes_written)
    assert r.bwmon_window == 500 and abs(r.bwmon_windows - r.cycles // 500) <= 1
    assert r.bwmon_least_pct <= r.bwmon_avg_pct <= r.bwmon_most_pct <= 100
    with pytest.raises(hbmctl.HbmError, match="--bw-window takes"):
        hbmctl.run("hbm2_2000", workload="stream", bw_window=0)


def test_the_command_log_is_written(tmp_path):
    log = tmp_path / "cmd.log"
    r = hbmctl.run("hbm2_2000", workload="stream", requests=1000, cmdlog=log, refresh_cost=False)
    lines = log.read_text().splitlines()
    assert sum(line.split()[1] in ("RD", "RDA") for line in lines) == r.reads
    assert sum(line.split()[1] == "ACT" for line in lines) == r.acts


def test_the_presets_are_the_repositorys_configs(repo):
    names = sorted(f[:-4] for f in os.listdir(os.path.join(repo, "configs")) if f.endswith(".ini"))
    assert hbmctl.presets() == names
    for n in names:
        with open(os.path.join(repo, "configs", n + ".ini")) as f:
            assert hbmctl.Config(n).text == f.read()
