"""hbmctl.Config: presets, files and overrides, checked by the C parser."""
import pytest

import hbmctl


def test_an_override_changes_the_run_as_the_same_value_in_a_file_does(hbmsim, repo, tmp_path):
    ini = tmp_path / "deep.ini"
    ini.write_text("based_on = %s/configs/hbm2_2000.ini\n[controller]\nread_queue_depth = 8\n" % repo)
    rc, want, _ = hbmsim("--config", ini, "--workload", "random", "--requests", 4000)
    assert rc == 0
    got = hbmctl.run(hbmctl.Config("hbm2_2000", {"read_queue_depth": 8}), workload="random", requests=4000)
    assert {k: v for k, v in got.items() if k != "config"} == {k: v for k, v in want.items() if k != "config"}
    assert got.cycles != hbmctl.run("hbm2_2000", workload="random", requests=4000).cycles


def test_a_key_the_file_takes_from_its_base_can_be_overridden():
    c = hbmctl.Config("hbm2_stack", {"controller.read_queue_depth": 64})
    assert c["read_queue_depth"] == "64"
    assert c["pseudo_channels"] == "16"   # the file's own key is untouched
    assert hbmctl.Config("hbm2_stack")["read_queue_depth"] == hbmctl.Config("hbm2_2000")["read_queue_depth"]


def test_with_overrides_adds_to_the_overrides():
    c = hbmctl.Config("hbm2_2000", {"page_policy": "closed"}).with_overrides(read_queue_depth=16)
    assert (c["page_policy"], c["read_queue_depth"]) == ("closed", "16")
    assert c.name == "configs/hbm2_2000.ini"


def test_a_bad_override_names_the_override_key_and_value():
    with pytest.raises(hbmctl.HbmError, match=r"override read_queue_depth = 'x': key 'read_queue_depth' = 'x'"):
        hbmctl.Config("hbm2_2000", {"read_queue_depth": "x"})
    with pytest.raises(hbmctl.HbmError, match=r"override wq_high_watermark = 1000: .*out of range"):
        hbmctl.Config("hbm2_2000", {"wq_high_watermark": 1000})


def test_an_unknown_key_suggests_the_near_ones():
    with pytest.raises(hbmctl.HbmError, match="no key 'queue_depth' .*read_queue_depth"):
        hbmctl.Config("hbm2_2000", {"queue_depth": 8})


def test_a_bad_file_is_named_by_line_key_and_value(tmp_path, repo):
    ini = tmp_path / "bad.ini"
    text = open("%s/configs/hbm2_2000.ini" % repo).read().replace("tRP     = 14", "tRP     = fourteen")
    assert "fourteen" in text
    ini.write_text(text)
    line = text[:text.index("fourteen")].count("\n") + 1
    with pytest.raises(hbmctl.HbmError, match=r"bad\.ini:%d: key 'tRP' = 'fourteen'" % line):
        hbmctl.Config(str(ini))
    with pytest.raises(hbmctl.HbmError, match="cannot read"):
        hbmctl.Config(str(tmp_path / "missing.ini"))
