"""test_hbm_axi.py - hbm_axi_dut (tb/hbm_axi_dut.v: hbm_axi + hbm_ctrl + the
Verilog device hbm_dev) driven by an independent AXI4 master,
cocotbext-axi's AxiMaster, under Icarus; every response and every read
byte checked against a reference memory kept here.

The device keeps a 128 KiB window (tb/hbm_axi_dut.v), so the traffic stays
in [0, 128 KiB) except the out-of-range bursts, which never reach it.
Run by tb/cocotb/run.py (make cocotb).
"""
import os
import random

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import ClockCycles, RisingEdge
from cocotbext.axi import AxiBus, AxiMaster, AxiBurstType, AxiResp

WINDOW = 128 * 1024          # bytes the device keeps
CAPACITY = 256 * 1024 * 1024  # hbm2_2000: 256 MiB
# HBM_COCOTB_ROUNDS: the rounds of the two long tests (60 by default; make
# test runs 20: Icarus takes the whole controller at ~500 clocks a second).
ROUNDS = int(os.environ.get("HBM_COCOTB_ROUNDS", "60"))


def pauses(rng, pct):
    """A generator for cocotbext-axi's back-pressure: True in pct % of cycles."""
    while True:
        yield rng.randrange(100) < pct


async def setup(dut, seed, stall_pct=0):
    cocotb.start_soon(Clock(dut.clk_i, 2, unit="ns").start())
    master = AxiMaster(AxiBus.from_prefix(dut, "s_axi"), dut.clk_i, dut.rst_i)
    if stall_pct:
        rng = random.Random(seed)
        for ch in (master.write_if.aw_channel, master.write_if.w_channel, master.write_if.b_channel,
                   master.read_if.ar_channel, master.read_if.r_channel):
            ch.set_pause_generator(pauses(rng, stall_pct))
    dut.rst_i.value = 1
    await ClockCycles(dut.clk_i, 4)
    dut.rst_i.value = 0
    await RisingEdge(dut.clk_i)
    return master


def check_device(dut):
    assert int(dut.error_o.value) == 0, "the device saw a protocol error (see the log)"


@cocotb.test()
async def incr_bursts_of_every_size_and_alignment_read_back(dut):
    """INCR writes of 1..600 bytes at any start, every AxSIZE, then reads of
    random ranges: every byte equals the reference memory."""
    rng = random.Random(1)
    master = await setup(dut, 1, stall_pct=20)
    ref = bytearray(WINDOW)
    for n in range(ROUNDS):
        size = rng.choice([5, 5, 5, 4, 3, 2, 1, 0])
        length = rng.randrange(1, 600)
        addr = rng.randrange(0, WINDOW - length)
        data = bytes(rng.randrange(256) for _ in range(length))
        resp = await master.write(addr, data, awid=rng.randrange(16), size=size)
        assert resp.resp == AxiResp.OKAY, f"write {n}: {resp.resp}"
        ref[addr:addr + length] = data
        raddr = rng.randrange(0, WINDOW - 700)
        rlen = rng.randrange(1, 700)
        got = await master.read(raddr, rlen, arid=rng.randrange(16), size=rng.choice([5, 5, 3, 0]))
        assert got.resp == AxiResp.OKAY
        assert got.data == bytes(ref[raddr:raddr + rlen]), f"read {n} at {raddr:#x}+{rlen}"
    check_device(dut)


@cocotb.test()
async def fixed_and_wrap_bursts(dut):
    """FIXED: every beat to one address (the last one stays), every beat of a
    read the same; WRAP of 2, 4, 8, 16 beats from the window's start."""
    rng = random.Random(2)
    master = await setup(dut, 2)
    ref = bytearray(WINDOW)
    for n in range(40):
        addr = rng.randrange(0, WINDOW // 32) * 32
        beats = rng.randrange(1, 9)
        data = bytes(rng.randrange(256) for _ in range(32 * beats))
        resp = await master.write(addr, data, burst=AxiBurstType.FIXED, size=5)
        assert resp.resp == AxiResp.OKAY
        ref[addr:addr + 32] = data[-32:]
        got = await master.read(addr, 32 * beats, burst=AxiBurstType.FIXED, size=5)
        assert got.data == bytes(ref[addr:addr + 32]) * beats, f"FIXED {n}"
    for n in range(40):
        beats = rng.choice([2, 4, 8, 16])
        addr = rng.randrange(0, WINDOW // (32 * beats)) * 32 * beats
        data = bytes(rng.randrange(256) for _ in range(32 * beats))
        resp = await master.write(addr, data, burst=AxiBurstType.WRAP, size=5)
        assert resp.resp == AxiResp.OKAY
        ref[addr:addr + len(data)] = data
        got = await master.read(addr, len(data), burst=AxiBurstType.WRAP, size=5)
        assert got.data == bytes(ref[addr:addr + len(data)]), f"WRAP {n}"
    check_device(dut)


@cocotb.test()
async def beyond_the_capacity_is_decerr_and_writes_nothing(dut):
    """A burst reaching past 256 MiB gets DECERR on B or on every R beat and
    changes nothing inside the capacity."""
    master = await setup(dut, 3)
    base = bytes(range(64))
    assert (await master.write(0x1000, base)).resp == AxiResp.OKAY
    for addr in (CAPACITY, CAPACITY + 0x1000, CAPACITY - 32):
        resp = await master.write(addr, bytes([0xEE]) * 64)
        assert resp.resp == AxiResp.DECERR, f"write at {addr:#x}: {resp.resp}"
        got = await master.read(addr, 64)
        assert got.resp == AxiResp.DECERR, f"read at {addr:#x}: {got.resp}"
    # the window wraps in the device: 0x1000 is where a stray write would land
    assert (await master.read(0x1000, 64)).data == base
    check_device(dut)


@cocotb.test()
async def concurrent_masters_on_their_own_ranges_and_read_after_write(dut):
    """Four IDs at once, each writing and reading back its own range (the
    controller forwards reads of queued writes), with back-pressure on every
    channel; and a reader of a shared range that must only ever see whole
    versions of 32-byte blocks the writer wrote."""
    master = await setup(dut, 4, stall_pct=30)
    errors = []

    async def worker(wid):
        rng = random.Random(100 + wid)
        lo = wid * 16384
        ref = bytearray(16384)
        for n in range(ROUNDS):
            off = rng.randrange(0, 16384 - 256) & ~31
            data = bytes(rng.randrange(256) for _ in range(rng.choice([32, 64, 256])))
            await master.write(lo + off, data, awid=wid)
            ref[off:off + len(data)] = data
            got = await master.read(lo + off, len(data), arid=wid)   # straight after: forwarded
            if got.data != bytes(ref[off:off + len(data)]):
                errors.append(f"worker {wid} read {n} at {lo + off:#x}")

    shared = 0x10000
    versions = [bytes(32)]
    await master.write(shared, bytes(256), awid=8)   # earlier tests wrote there

    async def writer():
        rng = random.Random(7)
        for n in range(ROUNDS * 5 // 6):
            v = bytes([n + 1]) * 32
            versions.append(v)
            await master.write(shared + 32 * rng.randrange(8), v, awid=8)

    async def reader():
        for n in range(ROUNDS * 5 // 6):
            got = await master.read(shared, 256, arid=9)
            for k in range(8):
                if got.data[32 * k:32 * k + 32] not in versions:
                    errors.append(f"shared block {k} read a mix of versions")

    tasks = [cocotb.start_soon(worker(w)) for w in range(4)]
    tasks += [cocotb.start_soon(writer()), cocotb.start_soon(reader())]
    for t in tasks:
        await t
    assert not errors, errors[:5]
    check_device(dut)
