"""Property: any config the parser accepts runs every workload with no
timing violation, no protocol error and every byte read back as written.

Configs are drawn at random around the presets: geometry (bank groups,
banks, rows, columns), every timing parameter scaled by 1/2..2 (tRC kept
at least tRAS + tRP, the refresh intervals long enough for refresh to keep
up), and the controller knobs (queues, watermarks, maps, hashes, page
policy, refresh mode and postponing, scheduler, starvation limit, DFI
ratio).  The C parser decides what is legal; a draw it refuses is drawn
again.  HBM_PROPERTY_CONFIGS (default 6) sets how many configs; `make
property` runs many more.
"""
import os
import random

import pytest

import hbmctl

CONFIGS = int(os.environ.get("HBM_PROPERTY_CONFIGS", "6"))
SEED = int(os.environ.get("HBM_PROPERTY_SEED", "2026"))
WORKLOADS = ["stream", "random", "mixed:write_pct=50", "kvblock:bytes=2048", "hotrow", "raw:span=2048",
             "multistream:n=4"]
TIMING = ["RL", "WL", "tRCDRD", "tRCDWR", "tRP", "tRAS", "tCCD_S", "tCCD_L", "tRRD_S", "tRRD_L", "tFAW", "tWR",
          "tWTR_S", "tWTR_L", "tRTP", "tRTW", "tRFC", "tRFCpb", "tRREFD", "tCCD_R", "tPPD"]
MAPS = ["ro-ba-co-bg", "ro-ba-bg-co", "ro-co-ba-bg", "ba-ro-bg-co", "ro-bg-ba-co"]


def draw(rng, preset):
    """One random override set around preset, built to keep the config's
    cross-key rules (docs/configuration.md); the parser still judges it."""
    base = hbmctl.Config(preset)
    o = {k: max(1, round(int(base[k]) * rng.uniform(0.5, 2.0))) for k in TIMING}
    o.update(bankgroups=rng.choice([2, 4, 8]), banks_per_group=rng.choice([2, 4]),
             rows=rng.choice([1024, 4096, 16384]), columns=rng.choice([16, 32, 64]), dfi_ratio=rng.choice([1, 2]),
             ecc=rng.choice(["none", "secded"]))
    o["stack_ids"] = rng.choice([s for s in (1, 2, 4) if o["bankgroups"] % s == 0])
    banks = o["bankgroups"] * o["banks_per_group"]
    for short, long_ in (("tCCD_S", "tCCD_L"), ("tRRD_S", "tRRD_L"), ("tWTR_S", "tWTR_L")):
        o[long_] = max(o[long_], o[short])     # the same group never waits less
    o["tCCD_S"] = max(o["tCCD_S"], 2)           # tBURST: bursts never overlap
    o["tCCD_L"] = max(o["tCCD_L"], o["tCCD_S"])
    o["tCCD_R"] = max(o["tCCD_R"], o["tCCD_S"])  # another stack ID never waits less
    o["RL"] = max(o["RL"], o["dfi_ratio"])
    o["WL"] = min(max(o["WL"], 2 * o["dfi_ratio"]), o["RL"] + 1)
    o["tRTW"] = max(o["tRTW"], o["RL"] + 2 + 1 - o["WL"])
    o["tFAW"] = max(o["tFAW"], o["tRRD_S"])
    o["tRFCpb"] = min(max(o["tRFCpb"], o["tRREFD"]), o["tRFC"])
    o["tRREFD"] = min(o["tRREFD"], o["tRFCpb"])
    o["tRC"] = max(o["tRAS"] + o["tRP"] + rng.randrange(0, 8), o["tRRD_L"])
    o["tREFIpb"] = max(int(base["tREFIpb"]), -(-4 * (o["tRFCpb"] + o["tRC"]) // banks), o["tRREFD"] + 1)
    o["tREFI"] = max(int(base["tREFI"]), 4 * (o["tRFC"] + o["tRC"]), o["tREFIpb"] * banks)
    wq = rng.randrange(2, 64)
    hi = rng.randrange(1, wq + 1)
    rq = rng.randrange(1, 49)
    o.update(read_queue_depth=rq, write_queue_depth=wq, resp_queue_depth=rng.randrange(1, 25),
             wq_high_watermark=hi, wq_low_watermark=rng.randrange(0, hi), rq_low_watermark=rng.randrange(0, rq),
             page_policy=rng.choice(["open", "closed", "adaptive"]),
             refresh_mode=rng.choice(["all_bank", "per_bank"]), refresh_postpone=rng.randrange(0, 9),
             refresh_pick=rng.choice(["lowest", "recent"]), scheduler=rng.choice(["frfcfs", "fcfs"]),
             address_xor=rng.choice(["none", "row", "fold", "foldmix"]),
             starve_limit=rng.choice([0, rng.randrange(50, 550)]), address_map=rng.choice(MAPS))
    return o


def legal_configs(n, seed):
    rng = random.Random(seed)
    out, refused = [], 0
    while len(out) < n:
        preset = rng.choice(["hbm2_2000", "hbm2e_3200", "hbm3_6400", "hbm3e_9600", "baseline"])
        try:
            out.append(hbmctl.Config(preset, draw(rng, preset)))
        except hbmctl.HbmError:
            refused += 1
            assert refused < 50 * n, "the draws are almost never legal: the generator is off"
    return out


@pytest.mark.parametrize("cfg", legal_configs(CONFIGS, SEED), ids=lambda c: "cfg%x" % (hash(c.text) & 0xffff))
def test_any_legal_config_runs_every_workload_clean(cfg):
    for w in WORKLOADS:
        try:
            r = hbmctl.run(cfg, workload=w, requests=1500, seed=3, refresh_cost=False)
        except hbmctl.CheckFailed as e:
            pytest.fail("%s on %r: %s" % (w, cfg.overrides, e))
        assert (r.timing_violations, r.data_errors, r.protocol_errors) == (0, 0, 0)
        assert r.reads + r.writes == 1500
