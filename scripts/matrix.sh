# matrix.sh - the test and benchmark matrix, once: which workloads and
# which knob variants each script runs.  Sourced through scripts/lib.sh by
# every test and benchmark script; make docs-check reads it too.

# A small custom model whose decode step wraps and writes KV entries: a
# mixture of 4 experts (2 per token, routed anew each step), a paged KV
# cache of 16-token blocks scattered over memory, per-sequence contexts.
LLM_SMALL="llm-decode:model=custom,hidden=512,layers=2,heads=8,kv_heads=2,ffn=1024,vocab=2000,batch=4,context=1024,context_min=256,kv_block=16,experts=4,top_k=2,stacks=1"

# The access patterns every list starts from; the ones with published
# DRAMSim3 / Ramulator 2 figures first (WORKLOADS_COMPARED).
WORKLOADS_COMPARED=(stream "multistream:n=4" "multistream:n=8" "stride:bytes=2048" "stride:bytes=4096"
                    random "kvblock:bytes=2048" "mixed:write_pct=20")
WORKLOADS_CORE=("${WORKLOADS_COMPARED[@]}" decode tiled raw)

# make bench (docs/performance.md, README's table): the core and one decode
# step of Llama-3-8B.
WORKLOADS_BENCH=("${WORKLOADS_CORE[@]}" llm-decode)

# Whole runs of the model on every preset (run_regression.sh) and the RTL
# lockstep (run_lockstep.sh): the core, a write-heavy mix, the starvation
# test and the small LLM decode step.
WORKLOADS_REGRESSION=("${WORKLOADS_CORE[@]}" "mixed:write_pct=50" hotrow "$LLM_SMALL")
WORKLOADS_LOCKSTEP=("${WORKLOADS_CORE[@]}" "raw:span=2048" "mixed:write_pct=70" hotrow "$LLM_SMALL")
# The profile-guided build's training runs (build_pgo.sh).
WORKLOADS_TRAIN=(stream "mixed:write_pct=20" random "multistream:n=4" "kvblock:bytes=2048")
# The gate-level lockstep (make gate-lockstep): one of each kind of traffic.
WORKLOADS_GATE=(stream "multistream:n=4" random "kvblock:bytes=2048" "mixed:write_pct=70" hotrow "raw:span=2048" "$LLM_SMALL")
# hbmsim --axi (the model behind its AXI4 front end, an AXI master making
# bursts) in the model regression, on every preset.
WORKLOADS_AXI=(stream random "mixed:write_pct=20" "kvblock:bytes=2048" raw "raw:span=2048")
# The shorter list for the regression's single-knob variants.
WORKLOADS_VARIANT=(stream random "mixed:write_pct=20" "kvblock:bytes=2048")

# Single-knob variants of hbm2_2000 in the model regression: name key=value.
REGRESSION_VARIANTS=(
  "all_bank refresh_mode=all_bank"
  "closed page_policy=closed"
  "open page_policy=open"
  "no_postpone refresh_postpone=0"
  "small_resp resp_queue_depth=2"
  "linear_map address_map=ro-ba-bg-co"
  "fcfs scheduler=fcfs"
  "row_hash address_xor=row"
  "lowest refresh_pick=lowest"
  "ratio2 dfi_ratio=2"
  "tiny_tras tRAS=1"
)

# RTL lockstep variants, each its own RTL build: name, base, key=value...
# Each turns several knobs, so that a few builds reach every RTL path the
# presets do not (the hbm2_2000 preset runs the tuned knobs: split map,
# foldmix, adaptive page, refresh_pick = recent; hbm2e_3200 fold): open and closed page,
# all-bank refresh with and without postponing, other address maps (whole
# and split) and every address_xor, fcfs, refresh_pick lowest, starvation
# limits, a small response queue, queue depths that are not powers of two,
# a tFAW that binds (24 clocks with tRRD_S/L = 2/3: the HBM2 presets never
# wait for tFAW), HBM3E timing, and dfi_ratio = 2 twice: on the tuned preset
# with another split map, the row hash and refresh_pick lowest,
# and with WL = 4 (the least WL >= 2 x dfi_ratio allows: a write burst due
# two clocks after its command, the clock after the write queue reads its
# data: the data path's bypass), tRAS = 3 (a PRE legal in the clock after the ACT's
# pick: the candidate stage must not precharge a bank the issue register
# opens), open page, all-bank refresh, a binding tFAW and small queues; ecc = secded on two of them (v2 at dfi_ratio 1 with a
# two-entry response queue, v6 at dfi_ratio 2): run_lockstep.sh injects
# faults into their devices; sched_window cuts both queues of v2 (3 of 5
# and 7 entries) and v7 (4 of 6 and 9, at dfi_ratio 2), and the presets'
# 32 the 40-entry write queue of v3.  (refresh_mode = none is left out: the checker
# reports its missing refreshes as violations, by design.)  A seeded random
# mix follows (lockstep_variants.sh).
LOCKSTEP_VARIANTS=(
  "v1_hbm3e_closed_allbank configs/hbm3e_9600.ini page_policy=closed refresh_mode=all_bank address_map=ba-ro-bg-co starve_limit=100 resp_queue_depth=5"
  "v2_open_oddq_faw configs/hbm2_2000.ini ecc=secded page_policy=open refresh_postpone=0 resp_queue_depth=2 tFAW=24 tRRD_S=2 tRRD_L=3 tRTP=1 read_queue_depth=5 write_queue_depth=7 wq_high_watermark=6 wq_low_watermark=2 rq_low_watermark=2 sched_window=3"
  "v3_allbank_fold_fcfs configs/hbm2_2000.ini refresh_mode=all_bank refresh_postpone=0 address_xor=fold address_map=ro-co-ba-bg scheduler=fcfs starve_limit=300 read_queue_depth=24 write_queue_depth=40 wq_high_watermark=30 wq_low_watermark=10"
  "v6_ratio2_split_row_lowest configs/hbm2_2000.ini dfi_ratio=2 ecc=secded address_map=co[0]-ro[13:7]-bg-ro[6:0]-ba-co[4:1] address_xor=row refresh_pick=lowest"
  "v7_ratio2_tight configs/hbm2_2000.ini dfi_ratio=2 WL=4 tRTW=13 tRAS=3 page_policy=open refresh_mode=all_bank refresh_postpone=0 tFAW=24 tRRD_S=2 tRRD_L=3 tRTP=1 read_queue_depth=6 write_queue_depth=9 wq_high_watermark=7 wq_low_watermark=2 rq_low_watermark=3 resp_queue_depth=3 starve_limit=80 sched_window=4"
)
# r1_mix, seeded (RANDOM=1357); make test's slice sets 0 (make regress
# builds seeded random mixes of its own).
LOCKSTEP_RANDOM_MIXES=${LOCKSTEP_RANDOM_MIXES:-1}
