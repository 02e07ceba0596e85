#!/usr/bin/env bash
# run_regression.sh - whole-run regression of the golden model.
#
# Every built-in workload on every preset in configs/: the run must finish
# with 0 timing violations (independent checker), 0 data errors (shadow
# memory) and 0 protocol errors; the same seed must give the same command
# log, and a different seed a different one for random workloads.
# Then the same workloads through the AXI4 front end (hbmsim --axi), and
# on the stack presets (more than one pseudo-channel: AXI ports only).
# Every workload also runs with random response back-pressure and request
# gaps, and 8 seeded random knob mixes run under back-pressure: clean runs.
# Usage: scripts/run_regression.sh build/hbmsim [REQUESTS]
# (REQUESTS / 3, the AXI runs', must be a multiple of the stack preset's 16
# ports: each port's master makes the same number)
set -uo pipefail
HBMSIM=${1:?usage: run_regression.sh HBMSIM [REQUESTS]}
REQUESTS=${2:-30000}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0

. scripts/lib.sh   # the matrix, json_get, knob_mix

check() { # name, condition-result
  if [ "$2" = ok ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $1: $2"; fi
}

# Single-knob variants of hbm2_2000 (scripts/matrix.sh), so every policy
# runs whole workloads too.
pcs_of() { "$HBMSIM" --config "$1" --emit-vh | awk '$1 == "`define" && $2 == "HBM_PSEUDO_CHANNELS" {print $3}'; }
CONFIGS=(); STACKS=()
for c in configs/*.ini; do
  if [ "$(pcs_of "$c")" = 1 ]; then CONFIGS+=("$c"); else STACKS+=("$c"); fi
done
for v in "${REGRESSION_VARIANTS[@]}"; do
  read -r -a kv <<<"$v"
  scripts/variant_ini.sh configs/hbm2_2000.ini "$tmp/${kv[0]}.ini" "${kv[@]:1}" || { echo "FAIL: variant $v"; exit 1; }
  CONFIGS+=("$tmp/${kv[0]}.ini")
done

for cfg in "${CONFIGS[@]}"; do
  [[ $cfg == configs/* ]] || WORKLOADS_RUN=("${WORKLOADS_VARIANT[@]}")
  [[ $cfg == configs/* ]] && WORKLOADS_RUN=("${WORKLOADS_REGRESSION[@]}")
  for w in "${WORKLOADS_RUN[@]}"; do
    name="$(basename "$cfg" .ini) $w"
    if ! out=$("$HBMSIM" --config "$cfg" --workload "$w" --requests "$REQUESTS" --seed 7 --json \
                 --cmdlog "$tmp/a.log" 2>"$tmp/err"); then
      check "$name" "hbmsim exited non-zero: $(head -3 "$tmp/err")"; continue
    fi
    read -r tv de pe r wr < <(json_get "$out" timing_violations data_errors protocol_errors reads writes)
    [ "$tv" = 0 ] && [ "$de" = 0 ] && [ "$pe" = 0 ] && res=ok || res="violations $tv, data errors $de, protocol errors $pe"
    check "$name: clean run" "$res"
    [ $((r + wr)) -eq "$REQUESTS" ] && res=ok || res="completed $((r + wr)) of $REQUESTS requests"
    check "$name: every request completed" "$res"
    "$HBMSIM" --config "$cfg" --workload "$w" --requests "$REQUESTS" --seed 7 --json --cmdlog "$tmp/b.log" >/dev/null 2>&1
    cmp -s "$tmp/a.log" "$tmp/b.log" && res=ok || res="same seed gave a different command log"
    check "$name: deterministic" "$res"
    bp=(--resp-stall 40 --req-gap 30 --requests $((REQUESTS / 3)) --seed 11)
    if ! out=$("$HBMSIM" --config "$cfg" --workload "$w" "${bp[@]}" --json 2>&1); then
      res="back-pressure run failed: $(head -c 300 <<<"$out")"
    else
      read -r tv de pe r wr < <(json_get "$out" timing_violations data_errors protocol_errors reads writes)
      [ "$tv" = 0 ] && [ "$de" = 0 ] && [ "$pe" = 0 ] && res=ok || res="violations $tv, data errors $de, protocol errors $pe"
      [ "$res" = ok ] && [ $((r + wr)) -ne $((REQUESTS / 3)) ] && res="completed $((r + wr)) of $((REQUESTS / 3)) requests"
    fi
    check "$name: back-pressure, clean run, every request completed" "$res"
  done
  [[ $cfg == configs/* ]] || continue
  "$HBMSIM" --config "$cfg" --workload random --requests 2000 --seed 8 --cmdlog "$tmp/c.log" >/dev/null 2>&1
  "$HBMSIM" --config "$cfg" --workload random --requests 2000 --seed 9 --cmdlog "$tmp/d.log" >/dev/null 2>&1
  cmp -s "$tmp/c.log" "$tmp/d.log" && res="different seeds gave the same command log" || res=ok
  check "$(basename "$cfg" .ini) random: seed matters" "$res"
done
# Through the AXI4 front end (hbmsim --axi): bursts of up to 256 bytes over
# 8 IDs and single beats over one ID; every beat answered OKAY with the
# reference memory's data, no timing violation, every request carried.
# The stack presets run here too, every port with its own master.
for cfg in configs/*.ini; do
  for w in "${WORKLOADS_AXI[@]}"; do
    for a in 256,8 32,1; do
      name="$(basename "$cfg" .ini) $w --axi $a"
      if ! out=$("$HBMSIM" --config "$cfg" --workload "$w" --requests $((REQUESTS / 3)) --seed 5 --axi "$a" \
                   --json 2>"$tmp/err"); then
        check "$name" "hbmsim exited non-zero: $(head -3 "$tmp/err") $(head -c 300 <<<"$out")"; continue
      fi
      read -r re de tv rb wb < <(json_get "$out" resp_errors data_errors timing_violations read_beats write_beats)
      [ "$re" = 0 ] && [ "$de" = 0 ] && [ "$tv" = 0 ] && [ $((rb + wb)) -eq $((REQUESTS / 3)) ] && res=ok \
        || res="responses not OKAY $re, data errors $de, violations $tv, beats $((rb + wb))"
      check "$name: clean run" "$res"
    done
  done
done
# A stack without a switch runs its ports apart on threads: the report must
# be the one a single thread gives.
scripts/variant_ini.sh configs/hbm2_stack.ini "$tmp/none16.ini" switch=none id_bits=8 || exit 1
for w in stream "mixed:write_pct=20" random; do
  a=$("$HBMSIM" --config "$tmp/none16.ini" --workload "$w" --requests $((REQUESTS / 3)) --threads 1 --json 2>&1)
  b=$("$HBMSIM" --config "$tmp/none16.ini" --workload "$w" --requests $((REQUESTS / 3)) --threads 2 --json 2>&1)
  [ "$a" = "$b" ] && [ "$(json_get "$a" data_errors)" = 0 ] && res=ok || res="threads 1 and 2 differ: $a / $b"
  check "16 pseudo-channels, switch none, $w: 2 threads = 1 thread" "$res"
done
# Random knob combinations (seeded, so every run checks the same ones):
# clean runs under back-pressure.
RANDOM=4242
for k in $(seq 1 8); do
  f="$tmp/fuzz$k.ini"
  knob_mix
  scripts/variant_ini.sh configs/hbm2_2000.ini "$f" "${MIX[@]}" || exit 1
  for w in random "mixed:write_pct=40" "kvblock:bytes=1024"; do
    bp=(--resp-stall $((RANDOM % 60)) --req-gap $((RANDOM % 50)) --requests 6000 --seed $k)
    name="fuzz$k ($rq/$wq/$hi/$lo) $w"
    if ! out=$("$HBMSIM" --config "$f" --workload "$w" "${bp[@]}" --json 2>&1); then
      res="run failed: $(head -c 300 <<<"$out")"
    else
      read -r tv de pe r wr < <(json_get "$out" timing_violations data_errors protocol_errors reads writes)
      [ "$tv" = 0 ] && [ "$de" = 0 ] && [ "$pe" = 0 ] && res=ok || res="violations $tv, data errors $de, protocol errors $pe"
      [ "$res" = ok ] && [ $((r + wr)) -ne 6000 ] && res="completed $((r + wr)) of 6000 requests"
    fi
    check "$name" "$res"
  done
done

echo "regression: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
