"""hbmctl.sweep: every point of configs x knobs x workloads, as rows."""
import pytest

import hbmctl


def test_every_point_is_a_row_equal_to_its_own_run():
    rows = hbmctl.sweep(["hbm2_2000", "hbm2e_3200"], knobs={"page_policy": ["open", "closed"]},
                        workloads=["stream", "random"], requests=3000)
    assert [(r["config"], r["page_policy"], r["workload"]) for r in rows] == [
        (c, p, w) for c in ("configs/hbm2_2000.ini", "configs/hbm2e_3200.ini")
        for p in ("open", "closed") for w in ("stream", "random")]
    for r in rows:
        cfg = hbmctl.Config(r["config"][len("configs/"):-len(".ini")], {"page_policy": r["page_policy"]})
        alone = hbmctl.run(cfg, workload=r["workload"], requests=3000)
        assert {k: r[k] for k in alone} == dict(alone)


def test_the_knob_moves_the_result_the_way_the_policy_says():
    rows = hbmctl.sweep("hbm2_2000", knobs={"page_policy": ["open", "closed"]}, workloads="stream", requests=4000)
    open_, closed = rows
    assert open_["row_hits"] > closed["row_hits"]
    assert open_["bandwidth_pct"] > closed["bandwidth_pct"]


def test_one_worker_and_many_give_the_same_rows():
    kw = dict(knobs={"read_queue_depth": [4, 8, 16]}, workloads=["random", "mixed"], requests=2000)
    assert hbmctl.sweep("hbm2_2000", workers=1, **kw) == hbmctl.sweep("hbm2_2000", workers=3, **kw)


def test_a_bad_point_is_named():
    with pytest.raises(hbmctl.HbmError, match="read_queue_depth"):
        hbmctl.sweep("hbm2_2000", knobs={"read_queue_depth": [8, 0]}, requests=100)
    with pytest.raises(hbmctl.HbmError, match="sweep point .*'nope'"):
        hbmctl.sweep("hbm2_2000", workloads=["stream", "nope"], requests=100)
