#!/usr/bin/env bash
# run_systemc.sh - the SystemC TLM-2.0 target's tests (make systemc-test):
#   1. sc/test/test_tlm and sc/examples/minimal.cpp (the README's platform): error responses, payloads of any shape through LT
#      and AT, held responses, LT timing, debug transport, config errors;
#   2. AT equals hbmsim: sc/examples/accel_platform (an AT initiator with
#      no limit on transactions in flight) gives hbmsim's JSON report, every
#      field, on every lockstep workload, on each preset and a dfi_ratio 2
#      variant, and on a trace with timestamps (requests held to their time);
#   3. LT: the same requests one at a time: every read right, the same
#      requests counted; LT with DMI: every read right through the pointer;
#   4. the stack (hbm_tlm_stack over configs/hbm2_stack.ini) with 16
#      initiators, AT and LT: every read right, every transaction answered;
#   5. the RTL behind the socket (hbm_tlm_rtl_target, built for
#      hbm2_2000): sc/test/test_tlm_rtl runs the model's and the RTL's
#      targets on the same transactions (two seeds) and every status, byte
#      and time must agree, the RTL in lockstep with a model of its own;
#      accel_platform_rtl gives hbmsim's report on five workloads;
#   6. with SAN_DIR, test_tlm again under ASan and UBSan.
#
#   scripts/run_systemc.sh HBMSIM SC_DIR [SAN_DIR [RTL_DIR]]
set -euo pipefail
HBMSIM=${1:?usage: run_systemc.sh HBMSIM SC_DIR [SAN_DIR [RTL_DIR]]}; SC=${2:?}; SAN=${3:-}; RTL=${4:-}
REQUESTS=${SYSTEMC_REQUESTS:-20000}
. scripts/lib.sh   # json_same, the workload lists
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0 checks=0
pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); fails=$((fails + 1)); echo "FAIL $*"; }

TESTS=(errors_lt errors_at payloads_lt payloads_at payloads_at_held backpressure lt_delay debug config phases req_delay lt_at dmi stack)
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

# LT with DMI: after the first b_transport the initiator moves the bytes
# itself through the target's pointer; every read still right.
for w in "mixed:write_pct=50" "raw:span=2048"; do
  if l=$(timeout 300 "$SC/accel_platform" --config configs/hbm2_2000.ini --workload "$w" --requests "$REQUESTS" \
           --mode lt-dmi --json 2>"$tmp/dmi.err") &&
     [ "$(json_get "$l" data_errors)" = 0 ] && grep -q "$((REQUESTS - 1)) of them through the DMI pointer" "$tmp/dmi.err"; then
    pass
  else
    fail "LT-DMI $w: data errors, or not through the pointer: $(tail -1 "$tmp/dmi.err")"
  fi
done

# The stack through the interconnect: 16 initiators on their slices, AT and
# LT, every read right and every transaction answered (exit 0), no timing
# violation on any pseudo-channel.
for run in "stream at" "mixed:write_pct=20 at" "random lt"; do
  read -r w mode <<<"$run"
  if out=$(timeout 300 "$SC/accel_platform" --config configs/hbm2_stack.ini --workload "$w" --requests $((8 * REQUESTS)) \
             --mode "$mode" --json 2>"$tmp/stack.err") && grep -q '"reads"' <<<"$out"; then
    pass
  else
    fail "the stack through hbm_tlm_stack, $w ($mode): $(tail -2 "$tmp/stack.err" | tr '\n' ' ')"
  fi
done

if [ -n "$RTL" ]; then
  for seed in 1 2; do
    if out=$(timeout 300 "$RTL/test_tlm_rtl" configs/hbm2_2000.ini "$seed" 2>&1) && grep -q '^PASS' <<<"$out"; then
      pass
    else
      fail "test_tlm_rtl seed $seed: $(grep -m2 -E '^FAIL|Error|actual' <<<"$out" | tr '\n' ' ')"
    fi
  done
  for w in stream random "mixed:write_pct=50" "raw:span=2048" hotrow; do
    if a=$(timeout 300 "$RTL/accel_platform_rtl" --config configs/hbm2_2000.ini --workload "$w" \
             --requests "$REQUESTS" --json 2>/dev/null) &&
       json_same "$a" "$("$HBMSIM" --config configs/hbm2_2000.ini --workload "$w" --requests "$REQUESTS" --json \
                          --no-refresh-cost)"; then
      pass
    else
      fail "AT on the RTL target, $w: report differs from hbmsim's (or the lockstep stopped it)"
    fi
  done
fi

if [ -n "$SAN" ]; then
  run_unit "$SAN/test_tlm" "test_tlm (ASan+UBSan)"
fi

echo "systemc: $((checks - fails)) of $checks checks passed (test_tlm, AT = hbmsim on $((${#WORKLOADS_LOCKSTEP[@]} + 1)) sources x 4 configs, LT and DMI data${RTL:+, the RTL target = the model target and hbmsim})"
[ "$fails" -eq 0 ]
