# lib.sh - helpers the test and benchmark scripts share; source it:
#   . scripts/lib.sh
#
# field NAME JSON      a number field of hbmsim/vhbm's one-line JSON report
# cpu_ms_of CMD...     CPU milliseconds (user + sys) CMD takes; its stdout is
#                      kept in $out_file (the caller makes it)
# knob_mix             a random mix of controller knobs from bash's $RANDOM
#                      (seed it first), as key=value words in the array MIX
#                      (queue depths and watermarks also in rq wq hi lo);
#                      run in this shell, not $(...), so the draws advance

field() { sed -n "s/.*\"$1\": \(-\{0,1\}[0-9.]*\).*/\1/p" <<<"$2"; }

cpu_ms_of() {
  local t; TIMEFORMAT='%U %S'
  t=$( { time "$@" > "$out_file" 2>/dev/null; } 2>&1 ) || true
  awk '{ms = ($1 + $2) * 1000; if (ms < 1) ms = 1; printf "%d", ms}' <<<"$t"
}

knob_mix() {
  local maps=(ro-ba-co-bg ro-ba-bg-co ro-co-ba-bg ba-ro-bg-co ro-bg-ba-co 'ro-ba[0]-co[4]-bg[1]-ba[1]-co[3:0]-bg[0]')
  local xors=(none row fold) scheds=(frfcfs fcfs) picks=(lowest recent)
  local pages=(open closed adaptive) refs=(all_bank per_bank)
  rq=$((1 + RANDOM % 48)); wq=$((2 + RANDOM % 62)); hi=$((1 + RANDOM % wq)); lo=$((RANDOM % hi))
  MIX=(read_queue_depth=$rq write_queue_depth=$wq resp_queue_depth=$((1 + RANDOM % 24))
       wq_high_watermark=$hi wq_low_watermark=$lo
       address_map=${maps[RANDOM % 6]} address_xor=${xors[RANDOM % 3]} page_policy=${pages[RANDOM % 3]}
       refresh_mode=${refs[RANDOM % 2]} refresh_postpone=$((RANDOM % 9)) refresh_pick=${picks[RANDOM % 2]}
       scheduler=${scheds[RANDOM % 4 / 3]} starve_limit=$(( (RANDOM % 3) * (50 + RANDOM % 500) )))
}
