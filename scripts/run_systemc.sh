#!/usr/bin/env bash
# run_systemc.sh - the SystemC TLM-2.0 target's tests (make systemc-test):
#   1. sc/test/test_tlm and sc/examples/minimal.cpp (the README's platform): error responses, payloads of any shape through LT
#      and AT, held responses, LT timing, debug transport, config errors;
#   2. AT equals hbmsim: sc/examples/accel_platform (an AT initiator with
#      no limit on transactions in flight) gives hbmsim's JSON report, every
#      field, on every lockstep workload, on each preset and a dfi_ratio 2
#      variant, and on a trace with timestamps (requests held to their time);
#   3. LT: the same requests one at a time: every read right, the same
#      requests counted;
#   4. optionally (SAN=1 with the sanitizer builds) test_tlm and one AT run
#      under ASan and UBSan.
#
#   scripts/run_systemc.sh HBMSIM SC_DIR [SAN_DIR]
set -euo pipefail
HBMSIM=${1:?usage: run_systemc.sh HBMSIM SC_DIR [SAN_DIR]}; SC=${2:?}; SAN=${3:-}
REQUESTS=${SYSTEMC_REQUESTS:-20000}
. scripts/lib.sh   # json_same, the workload lists
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0 checks=0
pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); fails=$((fails + 1)); echo "FAIL $*"; }

TESTS=(errors_lt errors_at payloads_lt payloads_at payloads_at_held backpressure lt_delay debug config phases req_delay lt_at)
run_unit() {   # BINARY LABEL
  local t out
  for t in "${TESTS[@]}"; do
    if out=$(timeout 60 "$1" configs/hbm2_2000.ini configs/hbm2_stack.ini "$t" 2>&1) && grep -q '^PASS' <<<"$out"; then
      pass
    else
      fail "$2 $t: $(grep -m1 -E '^FAIL|Error' <<<"$out" || echo "no PASS line (exit or timeout)")"
    fi
  done
}
run_unit "$SC/test_tlm" test_tlm
# the README's platform: a write and its read-back, and the report at the end
if out=$("$SC/minimal" configs/hbm2_2000.ini 2>&1) && grep -q "timing violations *0$" <<<"$out" &&
   grep -q "2 reads, 2 writes" <<<"$out"; then pass; else fail "sc/examples/minimal.cpp: $(tail -3 <<<"$out")"; fi

# A DRAMSim3 trace with timestamps and gaps: requests must wait for their time.
awk 'BEGIN { srand(5); t = 0; for (i = 0; i < 3000; i++) { t += int(rand() * 12);
       printf "0x%x %s %d\n", int(rand() * 1048576) * 32, (rand() < 0.3 ? "WRITE" : "READ"), t } }' > "$tmp/gaps.trace"

scripts/variant_ini.sh configs/hbm2_2000.ini "$tmp/ratio2.ini" dfi_ratio=2 >/dev/null
at_vs_hbmsim() {   # CONFIG SOURCE-OPTION VALUE
  local a h
  if ! a=$(timeout 300 "$SC/accel_platform" --config "$1" "$2" "$3" --requests "$REQUESTS" --json 2>/dev/null); then
    fail "AT $1 $3: accel_platform failed"; return
  fi
  h=$("$HBMSIM" --config "$1" "$2" "$3" --requests "$REQUESTS" --json --no-refresh-cost)
  if json_same "$a" "$h"; then pass; else fail "AT $1 $3: report differs from hbmsim's"; fi
}
for cfg in configs/hbm2_2000.ini configs/hbm2e_3200.ini configs/baseline.ini "$tmp/ratio2.ini"; do
  for w in "${WORKLOADS_LOCKSTEP[@]}"; do
    at_vs_hbmsim "$cfg" --workload "$w"
  done
  at_vs_hbmsim "$cfg" --trace "$tmp/gaps.trace"
done

# LT: one transaction at a time, so other cycles; the data and the counts agree.
for w in stream random "mixed:write_pct=50" "raw:span=2048" "$LLM_SMALL"; do
  if l=$(timeout 300 "$SC/accel_platform" --config configs/hbm2_2000.ini --workload "$w" --requests "$REQUESTS" \
           --mode lt --json 2>/dev/null) &&
     h=$("$HBMSIM" --config configs/hbm2_2000.ini --workload "$w" --requests "$REQUESTS" --json --no-refresh-cost) &&
     [ "$(json_get "$l" reads writes data_errors)" = "$(json_get "$h" reads writes data_errors)" ]; then
    pass
  else
    fail "LT $w: reads, writes or data errors differ from hbmsim's"
  fi
done

if [ -n "$SAN" ]; then
  run_unit "$SAN/test_tlm" "test_tlm (ASan+UBSan)"
  if "$SAN/accel_platform" --config configs/hbm2_2000.ini --workload "mixed:write_pct=50" --requests 5000 \
       --json > /dev/null 2> "$tmp/san.err"; then pass; else fail "accel_platform under ASan+UBSan: $(head -3 "$tmp/san.err")"; fi
fi

echo "systemc: $((checks - fails)) of $checks checks passed (test_tlm, AT = hbmsim on $((${#WORKLOADS_LOCKSTEP[@]} + 1)) sources x 4 configs, LT data)"
[ "$fails" -eq 0 ]
