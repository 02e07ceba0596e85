#!/usr/bin/env bash
# bench_systemc.sh - how fast the SystemC TLM-2.0 target runs (make bench):
# 32-byte transactions per CPU-second through sc/examples/accel_platform,
# AT (no limit in flight), LT and LT with DMI, beside hbmsim's requests per CPU-second
# on the same requests.  The median of three runs each.  Figures only.
#
#   scripts/bench_systemc.sh HBMSIM ACCEL OUT_DIR   -> OUT_DIR/systemc_speed.txt
set -euo pipefail
HBMSIM=${1:?usage: bench_systemc.sh HBMSIM ACCEL OUT_DIR}; ACCEL=${2:?}; dir=${3:?}
REQUESTS=${BENCH_SYSTEMC_REQUESTS:-1000000}
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
mkdir -p "$dir"
median3() { sort -g | sed -n 2p; }
{
  echo "run workload transactions M-per-CPU-s hbmsim-M-per-CPU-s"
  for run in "AT stream" "AT random" "AT mixed:write_pct=20" "LT stream" "LT random" "LT-DMI stream" "LT-DMI random"; do
    read -r mode w <<<"$run"
    m=$(for i in 1 2 3; do
          "$ACCEL" --config configs/hbm2_2000.ini --workload "$w" --requests "$REQUESTS" --mode "${mode,,}" \
            2>&1 >/dev/null | sed -n 's/.*CPU-s: \([0-9.]*\) M per CPU-second/\1/p'
        done | median3)
    h=$(for i in 1 2 3; do
          TIMEFORMAT='%U %S'
          { time "$HBMSIM" --config configs/hbm2_2000.ini --workload "$w" --requests "$REQUESTS" \
              --no-refresh-cost > /dev/null; } 2>&1 | awk -v n="$REQUESTS" '{printf "%.2f\n", n / ($1 + $2) / 1e6}'
        done | median3)
    echo "$mode $w $REQUESTS $m $h"
  done
  # the whole stack through hbm_tlm_stack, 16 initiators (hbmsim: the stack behind its AXI ports)
  m=$(for i in 1 2 3; do
        "$ACCEL" --config configs/hbm2_stack.ini --workload stream --requests "$REQUESTS" \
          2>&1 >/dev/null | sed -n 's/.*CPU-s: \([0-9.]*\) M per CPU-second.*/\1/p'
      done | median3)
  h=$(for i in 1 2 3; do
        TIMEFORMAT='%U %S'
        { time "$HBMSIM" --config configs/hbm2_stack.ini --workload stream --requests "$REQUESTS" \
            --threads 1 > /dev/null; } 2>&1 | awk -v n="$REQUESTS" '{printf "%.2f\n", n / ($1 + $2) / 1e6}'
      done | median3)
  echo "AT-stack-16-initiators stream $REQUESTS $m $h"
} > "$dir/systemc_speed.txt"
cat "$dir/systemc_speed.txt"
