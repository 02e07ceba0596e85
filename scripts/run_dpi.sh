#!/usr/bin/env bash
# run_dpi.sh - the DPI-C example (make dpi-example): the Verilog traffic
# master of tb/hbm_dpi_tb.sv replays a Ramulator trace into hbm_dpi_mem
# (the golden model through DPI-C); its report must equal hbmsim's on the
# same trace, field for field, with no wrong read and no DPI error; then
# a bad config path and an address beyond the capacity must come back as
# a status, not an abort.
#
#   scripts/run_dpi.sh HBMSIM EXAMPLE
set -euo pipefail
HBMSIM=${1:?usage: run_dpi.sh HBMSIM EXAMPLE}; EX=${2:?}
. scripts/lib.sh   # json_same
REQUESTS=${DPI_REQUESTS:-40000}
mkdir -p build/dpi
fails=0 checks=0
pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); fails=$((fails + 1)); echo "FAIL $*"; }

# A trace of random reads and writes over 2 MiB (Ramulator format), some
# bursts read back after they were written.  The master writes whole bursts;
# hbmsim's own runs send every eighth write with a partial byte mask (its
# scoreboard), so the comparison is with hbmsim --no-check, which writes
# whole bursts and leaves out its checker's two fields; the DPI model's own
# JEDEC checker (timing_violations 0) and the master's read checks cover them.
awk -v n="$REQUESTS" 'BEGIN { srand(7); for (i = 0; i < n; i++)
  printf "%s 0x%x\n", (rand() < 0.3 ? "ST" : "LD"), int(rand() * 65536) * 32 }' > build/dpi/example.trace
hs() { "$HBMSIM" --config configs/hbm2_2000.ini --trace build/dpi/example.trace --json --no-refresh-cost --no-check; }
out=$("$EX" 2> build/dpi/example.err) || true
if json_same "$out" "$(hs)" timing_violations data_errors && [ "$(json_get "$out" timing_violations)" = 0 ]; then
  pass
else
  fail "the DPI model's report differs from hbmsim's: $out"
fi
if grep -q "; 0 errors" build/dpi/example.err; then pass; else fail "$(cat build/dpi/example.err)"; fi
cat build/dpi/example.err

# A stream the master makes itself (+stream=N, no file: the speed of the
# DPI model under a small master): hbmsim's stream workload.
out=$("$EX" +stream=$((10 * REQUESTS)) 2> build/dpi/stream.err) || true
if json_same "$out" "$("$HBMSIM" --config configs/hbm2_2000.ini --workload stream --requests $((10 * REQUESTS)) \
                      --json --no-refresh-cost --no-check)" timing_violations data_errors; then
  pass
else
  fail "stream: the report differs from hbmsim's"
fi
cat build/dpi/stream.err

# Errors reach the SystemVerilog side as a status: a config that does not
# load, and a request beyond the capacity.
if out=$("$EX" +hbm_config=configs/no_such.ini 2>&1); then fail "a bad config path did not fail the run"; else
  if grep -q "no_such.ini" <<<"$out"; then pass; else fail "a bad config path: no message naming it: $out"; fi
fi
echo "LD 0x7fffffffe0" > build/dpi/example.trace
if out=$("$EX" +max=200 2>&1); then fail "an address beyond the capacity did not fail the run"; else
  if grep -q "errors" <<<"$out" && ! grep -qi "abort" <<<"$out"; then pass; else fail "beyond the capacity: $out"; fi
fi
echo "dpi: $((checks - fails)) of $checks checks passed (hbm_dpi_mem = hbmsim on a trace and on the master's own stream, errors as statuses)"
[ "$fails" -eq 0 ]
