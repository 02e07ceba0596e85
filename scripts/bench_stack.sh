#!/usr/bin/env bash
# bench_stack.sh - the AXI4 front end and the stack: bandwidth at the AXI
# ports, the read latency the front end adds, and how fast hbmsim simulates
# the whole stack.  Figures only, never asserted (make bench).
#
#   scripts/bench_stack.sh HBMSIM OUT_DIR
#
# Writes OUT_DIR/stack_axi.txt (one pseudo-channel behind hbm_axi),
# OUT_DIR/stack_bw.txt (the stack preset, per workload) and
# OUT_DIR/stack_speed.txt (stack cycles per second by thread count), each a
# whitespace table whose first line is the header.
set -euo pipefail
HBMSIM=${1:?usage: bench_stack.sh HBMSIM OUT_DIR}; dir=${2:?}
REQUESTS=${BENCH_STACK_REQUESTS:-800000}
. scripts/lib.sh   # json_get
mkdir -p "$dir"
j() { "$HBMSIM" "$@" --json; }

# One pseudo-channel (hbm2_2000) behind its AXI port against its own port.
{
  echo "run axi-% direct-% note"
  a=$(j --config configs/hbm2_2000.ini --workload stream --requests 200000 --axi 256,8)
  d=$(j --config configs/hbm2_2000.ini --workload stream --requests 200000 --no-refresh-cost)
  echo "stream,256B-bursts,8-IDs $(json_get "$a" axi_bandwidth_pct) $(json_get "$d" bandwidth_pct) target>=97"
  a=$(j --config configs/hbm2_2000.ini --workload random --requests 1 --axi 32,1)
  d=$(j --config configs/hbm2_2000.ini --workload random --requests 1 --no-refresh-cost)
  echo "one-read-latency(clocks) $(json_get "$a" axi_read_latency_first_avg) $(json_get "$d" read_latency_avg) AXI-adds<=4"
} > "$dir/stack_axi.txt"

# The stack preset: every port runs the workload on its own slice.  The
# activation bound is the pseudo-channel's (every one has the same), from a
# one-pseudo-channel run of the same workload.  The rows marked
# "switch=none" run the same stack with each port wired to its own
# pseudo-channel: what the crossbar's head-of-line blocking costs.
scripts/variant_ini.sh configs/hbm2_stack.ini "$dir/hbm2_stack_none.ini" switch=none id_bits=8 >/dev/null
{
  echo "workload stack-% GB/s busy-min busy-max act-bound-% of-bound-% AR-lat-avg"
  for run in stream llm-decode random kvblock:bytes=64 "mixed:write_pct=20" "multistream:n=8" "kvblock:bytes=2048" \
             random,none kvblock:bytes=64,none "mixed:write_pct=20,none" "multistream:n=8,none"; do
    w=${run%,none}; cfg=configs/hbm2_stack.ini; name=$w
    if [ "$w" != "$run" ]; then cfg=$dir/hbm2_stack_none.ini; name="$w(switch=none)"; fi
    s=$(j --config "$cfg" --workload "$w" --requests "$REQUESTS")
    one=$(j --config configs/hbm2_2000.ini --workload "$w" --requests 200000 --no-refresh-cost)
    read -r pct gbps bmin bmax lat < <(json_get "$s" axi_bandwidth_pct gbps pc_busy_min_pct pc_busy_max_pct \
                                         axi_read_latency_first_avg)
    ab=$(json_get "$one" act_bound_pct)
    echo "$name $pct $gbps $bmin $bmax $ab $(awk -v p="$pct" -v b="$ab" 'BEGIN{printf "%.1f", (b > 0) ? 100 * p / b : 0}') $lat"
  done
} > "$dir/stack_bw.txt"

# Simulation speed of the whole stack (stream, the checkers on): stack
# cycles per wall-clock second and per CPU-second.  The preset's crossbar
# runs on one thread; without a switch the ports run apart on threads.
{
  echo "stack threads stack-Mcyc/s-wall stack-Mcyc/s-cpu pc-Mcyc/s-wall"
  for run in "configs/hbm2_stack.ini crossbar 1" "$dir/hbm2_stack_none.ini switch=none 1" \
             "$dir/hbm2_stack_none.ini switch=none 2"; do
    read -r cfg name t <<<"$run"
    TIMEFORMAT='%R %U %S'
    { time out=$(j --config "$cfg" --workload stream --requests $((4 * REQUESTS)) --threads "$t"); } 2> "$dir/time.txt"
    read -r real user sys < "$dir/time.txt"
    cyc=$(json_get "$out" cycles)
    pcs=$(json_get "$out" pseudo_channels)
    awk -v w="$name" -v t="$t" -v c="$cyc" -v r="$real" -v u="$user" -v s="$sys" -v n="$pcs" \
      'BEGIN{printf "%s %s %.3f %.3f %.2f\n", w, t, c / r / 1e6, c / (u + s) / 1e6, c * n / r / 1e6}'
  done
  rm -f "$dir/time.txt"
} > "$dir/stack_speed.txt"
cat "$dir/stack_axi.txt" "$dir/stack_bw.txt" "$dir/stack_speed.txt"
