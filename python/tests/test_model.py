"""hbmctl.Model: one controller's model cycle by cycle from Python."""
import pytest

import hbmctl


def test_python_driving_the_model_matches_hbmsim_on_the_same_trace_cycle_for_cycle(hbmsim, tmp_path):
    # hbmctl.drive: hbmsim's driver loop written in Python over Model's calls
    reqs = [((i * 104729 * 32) % (1 << 27), i % 3 == 0, 0) for i in range(4000)]
    trace = tmp_path / "t.trace"
    trace.write_text("".join("0x%x %s 0\n" % (a, "WRITE" if w else "READ") for a, w, _ in reqs))
    # hbmsim without its scoreboard writes zeros with every byte enabled, as push(data=None) does
    rc, want, _ = hbmsim("--config", "configs/hbm2_2000.ini", "--trace", trace, "--no-check", "--no-refresh-cost")
    assert rc == 0
    with hbmctl.Model("hbm2_2000") as m:
        hbmctl.drive(m, reqs)
        got = m.report(str(trace))
    assert got["timing_violations"] == 0
    for field in want:
        if field not in ("timing_violations", "data_errors"):   # null in hbmsim --no-check
            assert got[field] == want[field], field


def test_what_is_written_is_read_back_through_the_controller():
    with hbmctl.Model("hbm2_2000") as m:
        data = bytes(range(32))
        assert m.push(0x2000, write=True, id=1, data=data)
        m.tick()
        while (r := m.pop()) is None:
            m.tick()
        assert r == (1, True, bytes(32), r.accept_cycle, r.done_cycle)
        assert m.push(0x2000, id=2)
        while (r := m.pop()) is None:
            m.tick()
        assert (r.id, r.write, r.data) == (2, False, data)
        assert r.done_cycle > r.accept_cycle
        assert m.peek(0x2000) == data


def test_byte_enables_write_only_their_bytes():
    with hbmctl.Model("hbm2_2000") as m:
        m.poke(0x40, b"\xaa" * 32)
        assert m.push(0x40, write=True, data=b"\x55" * 32, mask=0x0000000F)
        while not m.idle:
            m.pop()
            m.tick()
        assert m.peek(0x40) == b"\x55" * 4 + b"\xaa" * 28


def test_a_full_queue_refuses_and_the_port_takes_one_request_a_cycle():
    with hbmctl.Model("hbm2_2000") as m:
        assert m.push(0, id=0)
        assert not m.can_accept(32)
        assert not m.push(32, id=1)   # one request per cycle
        taken = 1
        for i in range(1, 200):
            m.tick()
            taken += m.push(i * 32 * 64, id=i % (1 << m.id_bits))   # no pops: queues fill up
        assert taken < 199


def test_bad_requests_are_refused_with_a_reason():
    with hbmctl.Model("hbm2_2000") as m:
        with pytest.raises(hbmctl.HbmError, match="beyond the capacity"):
            m.push(m.capacity)
        with pytest.raises(hbmctl.HbmError, match="id_bits"):
            m.push(0, id=1 << m.id_bits)
        with pytest.raises(hbmctl.HbmError, match="a burst is 32"):
            m.push(0, write=True, data=bytes(33))
    with pytest.raises(hbmctl.HbmError, match="closed"):
        m.tick()
    with pytest.raises(hbmctl.HbmError, match="one pseudo-channel"):
        hbmctl.Model("hbm2_stack")


def test_the_bandwidth_monitor_is_read_and_programmed_through_its_port():
    assert hbmctl.BWMON_REGISTERS["WINDOW"] == 0 and hbmctl.BWMON_REGISTERS["CLEAR"] == 15
    with hbmctl.Model("hbm2_2000") as m:
        m.bwmon("WINDOW", write=10)   # windows of 10 clocks from the next clock on
        m.tick()
        for i in range(4):            # four reads and a write
            while not m.push(i * 32, id=i):
                m.tick()
            m.tick()
        assert m.push(4096, write=True, id=9)
        while not m.idle:
            m.pop()
            m.tick()
        m.tick(20)                    # every window with a response has closed
        read = {}
        for name in ["READ_LO", "WRITE_LO", "SUM_LO", "MOST", "WINDOWS", "WINDOW"]:
            m.bwmon(name)             # the address in one cycle, the data in the next
            m.tick()
            read[name] = m.bwmon("CURRENT")
        assert (read["READ_LO"], read["WRITE_LO"], read["SUM_LO"], read["WINDOW"]) == (128, 32, 160, 10)
        assert 32 <= read["MOST"] <= 160
        # windows of 10 clocks from clock 1 close at the edges of clocks 10,
        # 20, ...; WINDOWS was addressed in clock m.cycle - 2 and counts
        # those closed before it
        assert read["WINDOWS"] == (m.cycle - 3) // 10
        m.bwmon("CLEAR", write=1)
        m.tick()
        m.bwmon("READ_LO")
        m.tick()
        assert m.bwmon("WINDOW") == 0
        with pytest.raises(hbmctl.HbmError, match="register 32"):
            m.bwmon(32)
        with pytest.raises(hbmctl.HbmError, match="register 'NOPE'"):
            m.bwmon("NOPE")


def test_the_report_counts_what_the_model_did():
    with hbmctl.Model(hbmctl.Config("hbm2_2000", {"page_policy": "closed"})) as m:
        for i in range(8):
            while not m.push(i * 32, id=i):
                m.pop()
                m.tick()
            m.tick()
        while not m.idle:
            m.pop()
            m.tick()
        cycle = m.cycle
        r = m.report()
    assert (r.reads, r.writes, r.cycles) == (8, 0, cycle)
    assert r.acts == 8   # closed page: an ACT per burst
    assert r.timing_violations == 0
