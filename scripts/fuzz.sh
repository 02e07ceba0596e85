#!/usr/bin/env bash
# fuzz.sh - run the libFuzzer targets of fuzz/ (make fuzz, make fuzz-smoke).
#
#   scripts/fuzz.sh FUZZ_DIR SECONDS [TARGET...]
#
# For each target (config, trace, workload; default all), built by the
# Makefile into FUZZ_DIR/fuzz_<target> with ASan and UBSan:
#   1. every input of fuzz/regress/<target>/ (each a crash fuzzing found
#      once, kept as a regression test) and of the seed corpus runs once;
#   2. then the fuzzer runs SECONDS on its corpus FUZZ_DIR/corpus_<target>
#      (kept between runs, so a long campaign builds on the last), seeded
#      from the repository: configs/*.ini, the traces of the docs and the
#      workload specs of scripts/matrix.sh.
# A crash stops the run with the input saved under FUZZ_DIR/crash_<target>/
# and the command that reproduces it; copy the input to fuzz/regress/<target>/
# once the bug is fixed.  Prints executions and corpus size per target.
set -uo pipefail
dir=${1:?usage: fuzz.sh FUZZ_DIR SECONDS [TARGET...]}; secs=${2:?}; shift 2
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(config trace workload)
. scripts/lib.sh   # the workload lists
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# The seed corpus of a target, from what the repository already has.
seed() { # TARGET DIR
  local t=$1 d=$2 i=0 w
  rm -rf "$d"; mkdir -p "$d"
  case $t in
    config)
      cp configs/*.ini "$d"/
      printf 'based_on = hbm2_2000.ini\n[controller]\npage_policy = closed\nread_queue_depth = 5\n' > "$d/based_on.ini"
      printf 'based_on = hbm2_stack.ini\n[controller]\ndfi_ratio = 2\n' > "$d/stack_ratio2.ini" ;;
    trace)   # the two formats as docs/trace-formats.md shows them
      printf '0x1f40 READ 120\n0x2000 WRITE 130\n0x0 READ 200\n' > "$d/dramsim3"
      printf 'LD 0x1f40\nST 0x2000\n# a comment\n\nLD 0x3fe0\n' > "$d/ramulator"
      printf '0x1f40 READ\n0x40 write 5\n' > "$d/dramsim3_mixed" ;;
    workload)
      for w in "${WORKLOADS_REGRESSION[@]}" "${WORKLOADS_LOCKSTEP[@]}" "${WORKLOADS_AXI[@]}" \
               "llm-decode:model=llama3-8b,batch=1,context=4096,dtype=bf16" "tiled:chunk=1536,pitch=16384"; do
        printf '%s\0\x07\x01' "$w" > "$d/w$i"; i=$((i + 1))
      done ;;
  esac
}

status=0
for t in "${targets[@]}"; do
  bin=$dir/fuzz_$t
  [ -x "$bin" ] || { echo "fuzz: $bin is not built (make fuzz)" >&2; exit 2; }
  seed "$t" "$dir/seed_$t"
  mkdir -p "$dir/corpus_$t" "$dir/crash_$t" "fuzz/regress/$t"
  # the regression inputs and the seeds, once each
  inputs=("$dir/seed_$t"/*)
  for f in fuzz/regress/"$t"/*; do [ -f "$f" ] && inputs+=("$f"); done
  if ! "$bin" -runs=0 "${inputs[@]}" > "$dir/$t.replay.log" 2>&1; then
    tail -30 "$dir/$t.replay.log"; echo "fuzz: $t: a regression or seed input fails (above)"; status=1; continue
  fi
  "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
    -artifact_prefix="$dir/crash_$t/" "$dir/corpus_$t" "$dir/seed_$t" > "$dir/$t.log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$t.log" | tail -1)
  corpus=$(ls "$dir/corpus_$t" | wc -l)
  if [ $rc -ne 0 ]; then
    grep -m1 -B2 -A12 'ERROR\|fuzz_[a-z]*:' "$dir/$t.log" | head -30
    crash=$(ls -t "$dir/crash_$t"/* 2>/dev/null | head -1)
    echo "fuzz: $t: FAILED after ${execs:-?} executions; reproduce: $bin $crash"
    status=1
  else
    echo "fuzz: $t: ${execs:-?} executions in ${secs} s, corpus $corpus inputs, ${#inputs[@]} seed and regression inputs, no crash"
  fi
done
exit $status
