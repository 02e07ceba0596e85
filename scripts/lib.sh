# lib.sh - helpers the test and benchmark scripts share, and the test
# matrix (scripts/matrix.sh); source it:
#   . scripts/lib.sh
#
# json_get JSON KEY... the values of KEYs in hbmsim/vhbm's one-line JSON
#                      report, space-separated, as written (null for none),
#                      read with Python's json module
# json_same JSON JSON [KEY...]  0 if the two reports are equal, KEYs aside
# cpu_ms_of CMD...     CPU milliseconds (user + sys) CMD takes; its stdout is
#                      kept in $out_file (the caller makes it)
# knob_mix             a random mix of controller knobs from bash's $RANDOM
#                      (seed it first), as key=value words in the array MIX
#                      (queue depths and watermarks also in rq wq hi lo);
#                      run in this shell, not $(...), so the draws advance
# run_cases FN CASE... runs "FN N CASE" for every case, LOCKSTEP_JOBS at a
#                      time (default the cores, at most 4); FN writes lines
#                      "check<TAB>NAME<TAB>RESULT" and "cycles<TAB>N" to
#                      $tmp/case.N; then each check goes to the caller's
#                      check function and the cycles add up in $cycles

. scripts/matrix.sh

json_get() {
  python3 -c 'import json, sys
d = json.loads(sys.argv[1], parse_float=str, parse_int=str)
print(" ".join("null" if d.get(k) is None else str(d[k]) for k in sys.argv[2:]))' "$@"
}

json_same() {
  python3 -c 'import json, sys
a, b = (json.loads(x) for x in sys.argv[1:3])
for k in sys.argv[3:]:
    a.pop(k, None); b.pop(k, None)
sys.exit(a != b)' "$@"
}

cpu_ms_of() {
  local t; TIMEFORMAT='%U %S'
  t=$( { time "$@" > "$out_file" 2>/dev/null; } 2>&1 ) || true
  awk '{ms = ($1 + $2) * 1000; if (ms < 1) ms = 1; printf "%d", ms}' <<<"$t"
}

knob_mix() {
  local maps=(ro-ba-co-bg ro-ba-bg-co ro-co-ba-bg ba-ro-bg-co ro-bg-ba-co 'ro-ba[0]-co[4]-bg[1]-ba[1]-co[3:0]-bg[0]')
  local xors=(none row fold foldmix) scheds=(frfcfs fcfs) picks=(lowest recent)
  local pages=(open closed adaptive) refs=(all_bank per_bank)
  rq=$((1 + RANDOM % 48)); wq=$((2 + RANDOM % 62)); hi=$((1 + RANDOM % wq)); lo=$((RANDOM % hi))
  MIX=(read_queue_depth=$rq write_queue_depth=$wq resp_queue_depth=$((1 + RANDOM % 24))
       wq_high_watermark=$hi wq_low_watermark=$lo
       address_map=${maps[RANDOM % 6]} address_xor=${xors[RANDOM % 4]} page_policy=${pages[RANDOM % 3]}
       refresh_mode=${refs[RANDOM % 2]} refresh_postpone=$((RANDOM % 9)) refresh_pick=${picks[RANDOM % 2]}
       scheduler=${scheds[RANDOM % 4 / 3]} starve_limit=$(( (RANDOM % 3) * (50 + RANDOM % 500) ))
       dfi_ratio=$((1 + RANDOM % 2)) ecc=$([ $((RANDOM % 3)) -eq 0 ] && echo secded || echo none)
       sched_window=$([ $((RANDOM % 2)) -eq 0 ] && echo 0 || echo $((2 + RANDOM % 40)))
       rq_low_watermark=$((RANDOM % rq)))
}

run_cases() {
  local fn=$1 jobs n=0 i kind a b c
  shift
  jobs=${LOCKSTEP_JOBS:-$(nproc 2>/dev/null || echo 1)}
  case $jobs in ''|*[!0-9]*) jobs=1 ;; esac
  [ "$jobs" -lt 1 ] && jobs=1; [ "$jobs" -gt 4 ] && jobs=4
  for c in "$@"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
    "$fn" $n "$c" &
    n=$((n + 1))
  done
  wait
  for ((i = 0; i < n; i++)); do
    [ -s "$tmp/case.$i" ] || { check "case $i" "no result (the case's shell failed)"; continue; }
    while IFS=$'\t' read -r kind a b; do
      case $kind in
        check) check "$a" "$b" ;;
        cycles) cycles=$((cycles + a)) ;;
      esac
    done < "$tmp/case.$i"
  done
}
