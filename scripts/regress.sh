#!/usr/bin/env bash
# regress.sh - constrained-random lockstep regression at scale: the RTL
# against the model on random knob mixes, workloads, request counts and
# back-pressure, one seed per run, on every core (GNU parallel) or as a
# Slurm job array.
#
#   scripts/regress.sh [--seeds N] [--first S] [--jobs M] [--builds K]
#                      [--requests R] [--config FILE] [--slurm]
#   scripts/regress.sh --one SEED [same options]     one run (what a failure prints)
#
# A seed decides everything about its run, so the command line a failure
# prints reproduces it anywhere:
#   - the RTL build: seed mod K picks one of K builds, each a seeded random
#     knob mix of hbm2_2000 (lib.sh's knob_mix: queue depths, watermarks,
#     address map and hash, page policy, refresh mode/postponement/pick,
#     scheduler, starvation limit, dfi_ratio, ecc) written by variant_ini.sh to
#     build/regress/regress_b<k>.ini and built by `make vhbm` (once; a
#     build in progress is waited for, so runs may share a build folder);
#     --config FILE instead runs every seed on FILE's build;
#   - the workload (one of WORKLOADS_LOCKSTEP), the request count (R/4..R,
#     default R 20000), the back-pressure (none, or response stalls of
#     10-70 % and request gaps of 0-50 %), on a build with ecc = secded
#     the device's faults (single- and double-bit rates of 0.1-0.9 % and
#     0.01-0.09 % per word), and the stimulus seed.
# Each run: vhbm in lockstep (0 mismatches, 0 timing violations, 0 data
# errors, exit 0), and its report equal to hbmsim's on the same stimulus.
# Results: one line per seed in build/regress/results.tsv (seed, build,
# workload, requests, back-pressure, RTL cycles, verdict), a summary with
# the RTL cycles compared, and for each failure its command line.  Every
# run writes its functional coverage bins to build/regress/fcov/ (vhbm's
# from the RTL's events, hbmsim's from the model's); the summary ends with
# the bins the runs hit and those they missed (scripts/coverage.sh
# --functional build/regress/fcov prints the whole table).
# --slurm writes build/regress/slurm.sh (an sbatch array of --one runs,
# SLURM_ARRAY_TASK_ID added to --first) and submits it if sbatch exists;
# else it says so and leaves the script (tested by running a task's
# command locally).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh   # WORKLOADS_LOCKSTEP, knob_mix, json_get, json_same

seeds=8; first=1; jobs=$(nproc 2>/dev/null || echo 1); builds=4; requests=20000
config=""; slurm=0; one=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=${2:?}; shift 2 ;;
    --first) first=${2:?}; shift 2 ;;
    --jobs) jobs=${2:?}; shift 2 ;;
    --builds) builds=${2:?}; shift 2 ;;
    --requests) requests=${2:?}; shift 2 ;;
    --config) config=${2:?}; shift 2 ;;
    --slurm) slurm=1; shift ;;
    --one) one=${2:?}; shift 2 ;;
    *) echo "regress: unknown option '$1' (known: --seeds N, --first S, --jobs M, --builds K, --requests R, --config FILE, --slurm, --one SEED)" >&2; exit 2 ;;
  esac
done
for v in seeds first jobs builds requests; do
  case ${!v} in ''|*[!0-9]*) echo "regress: --$v takes a number, not '${!v}'" >&2; exit 2 ;; esac
done
[ "$builds" -ge 1 ] && [ "$jobs" -ge 1 ] && [ "$requests" -ge 4 ] || { echo "regress: --builds, --jobs >= 1, --requests >= 4" >&2; exit 2; }
[ -z "$config" ] || [ -f "$config" ] || { echo "regress: no config file '$config'" >&2; exit 2; }
out=build/regress
mkdir -p "$out"
HBMSIM=build/hbmsim
opts=(--builds "$builds" --requests "$requests")
[ -z "$config" ] || opts+=(--config "$config")

# The config of build k: a knob mix drawn from a seed of its own.
build_ini() { # K -> path of the build's config
  local k=$1 ini
  if [ -n "$config" ]; then echo "$config"; return; fi
  ini=$out/regress_b$k.ini
  if [ ! -f "$ini" ]; then
    RANDOM=$((7919 + k)); knob_mix
    scripts/variant_ini.sh configs/hbm2_2000.ini "$ini.tmp" "${MIX[@]}" >/dev/null
    mv "$ini.tmp" "$ini"
  fi
  echo "$ini"
}

# Build the vhbm of a config with make, one make at a time (builds share
# the model's libraries), unless the runs' builds were made beforehand.
vhbm_of() { # INI -> path of vhbm
  local ini=$1 name
  name=$(basename "$ini" .ini)
  if [ -z "${REGRESS_BUILT:-}" ]; then
    ( flock 9
      make --no-print-directory -s vhbm CONFIG="$ini" >"$out/build_$name.log" 2>&1 \
        || { echo "regress: building the RTL of $ini failed (log: $out/build_$name.log)" >&2; exit 1; }
    ) 9>"$out/build.lock"
  fi
  echo "build/vhbm_$name/vhbm"
}

# One run, the whole verdict on one line (tab-separated).
run_one() { # SEED
  local s=$1 k ini ia vhbm w n bp=() bpt=none v h rc mm tv de cyc verdict d
  k=$((s % builds)); ini=$(build_ini "$k"); ia=$(realpath "$ini")
  vhbm=$(realpath "$(vhbm_of "$ini")")
  RANDOM=$s
  w=${WORKLOADS_LOCKSTEP[RANDOM % ${#WORKLOADS_LOCKSTEP[@]}]}
  n=$((requests / 4 + RANDOM % (requests - requests / 4 + 1)))
  if [ $((RANDOM % 2)) -eq 1 ]; then
    bp=(--resp-stall $((10 + RANDOM % 61)) --req-gap $((RANDOM % 51)))
    bpt="${bp[*]}"
  fi
  # A build with ecc = secded runs with faults injected (seeded by the run's seed).
  if grep -Eq '^ecc[[:space:]]*=[[:space:]]*secded' "$ini"; then
    bp+=(--inject "single:0.00$((1 + RANDOM % 9)),double:0.000$((1 + RANDOM % 9)),seed:$s")
    bpt="${bp[*]}"
  fi
  d=$(mktemp -d "$PWD/$out/run.XXXXXX")
  set +e
  # shellcheck disable=SC2086  # REGRESS_VHBM_ARGS: a planted fault (--fault-read N), to show a failure is seen
  v=$(cd "$d" && "$vhbm" --config "$ia" --workload "$w" --requests "$n" --seed "$s" "${bp[@]}" ${REGRESS_VHBM_ARGS:-} \
        --json --cmdlog "$d/v.log" 2>"$d/err"); rc=$?
  h=$("$HBMSIM" --config "$ia" --workload "$w" --requests "$n" --seed "$s" "${bp[@]}" --json --cmdlog "$d/h.log" 2>/dev/null)
  set -e
  cyc=0
  if [ $rc -ne 0 ]; then
    verdict="FAIL: vhbm exited $rc: $(head -3 "$d/err" | tr '\n\t' '  ')"
    [ -f "$d/vhbm_mismatch.fst" ] && mv "$d/vhbm_mismatch.fst" "$out/mismatch_seed$s.fst" &&
      verdict="$verdict (waveform: $out/mismatch_seed$s.fst)"
  else
    read -r mm tv de cyc < <(json_get "$v" mismatches timing_violations data_errors cycles)
    if [ "$mm" != 0 ] || [ "$tv" != 0 ] || [ "$de" != 0 ]; then
      verdict="FAIL: mismatches $mm, timing violations $tv, data errors $de"
    elif ! cmp -s "$d/v.log" "$d/h.log"; then
      verdict="FAIL: the command logs of vhbm and hbmsim differ"
    elif ! json_same "$v" "$h" mismatches; then
      verdict="FAIL: the report differs from hbmsim's"
    else
      verdict=ok
    fi
  fi
  rm -rf "$d"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$(basename "$ini" .ini)" "$w" "$n" "$bpt" "$cyc" "$verdict"
}

# Functional coverage bins of every run: a --one run (a Slurm task) adds
# its file to HBM_FCOV_DIR or build/regress/fcov, a whole regression
# starts build/regress/fcov afresh.
fcov_dir=$PWD/$out/fcov

if [ -n "$one" ]; then
  export HBM_FCOV_DIR=${HBM_FCOV_DIR:-$fcov_dir}
  mkdir -p "$HBM_FCOV_DIR"
  case $one in ''|*[!0-9]*) echo "regress: --one takes a seed number, not '$one'" >&2; exit 2 ;; esac
  line=$(run_one "$one")
  echo "$line"
  [ "$(cut -f7 <<<"$line")" = ok ] && exit 0
  printf 'reproduce: scripts/regress.sh --one %s' "$one"; printf ' %q' "${opts[@]}"; echo
  exit 1
fi

[ -x "$HBMSIM" ] || { echo "regress: $HBMSIM is missing: make all" >&2; exit 1; }
last=$((first + seeds - 1))

if [ $slurm -eq 1 ]; then
  script=$out/slurm.sh
  {
    echo "#!/usr/bin/env bash"
    echo "# generated by scripts/regress.sh --slurm: seeds $first..$last, one per array task"
    echo "#SBATCH --job-name=hbmctl-regress"
    echo "#SBATCH --array=0-$((seeds - 1))"
    echo "#SBATCH --cpus-per-task=1"
    echo "#SBATCH --output=$PWD/$out/slurm-%A_%a.out"
    echo "cd $(printf '%q' "$PWD")"
    printf 'exec scripts/regress.sh --one $((%d + SLURM_ARRAY_TASK_ID))' "$first"
    printf ' %q' "${opts[@]}"; echo
  } > "$script"
  chmod +x "$script"
  if command -v sbatch >/dev/null 2>&1; then
    sbatch "$script"
  else
    echo "regress: sbatch is not here; the array script is $script (submit it with: sbatch $script;"
    echo "         one task by hand: SLURM_ARRAY_TASK_ID=0 $script)"
  fi
  exit 0
fi

command -v parallel >/dev/null 2>&1 || { echo "regress: GNU parallel is missing: scripts/setup.sh --with regress" >&2; exit 1; }
# The builds first (make uses both cores), then the runs on every core.
needed=$(( seeds < builds ? seeds : builds ))
for ((s = first; s < first + needed; s++)); do vhbm_of "$(build_ini $((s % builds)))" >/dev/null; done
export REGRESS_BUILT=1
export -f run_one build_ini vhbm_of knob_mix json_get json_same
export out builds requests config HBMSIM
export WORKLOADS_LOCKSTEP_LIST="${WORKLOADS_LOCKSTEP[*]}"
export HBM_FCOV_DIR=$fcov_dir
rm -rf "$HBM_FCOV_DIR"; mkdir -p "$HBM_FCOV_DIR"
t0=$(date +%s)
results=$out/results.tsv
printf 'seed\tbuild\tworkload\trequests\tback-pressure\tcycles\tverdict\n' > "$results"
# (arrays do not cross into parallel's shells: the list goes as a string)
seq "$first" "$last" | parallel -j "$jobs" --line-buffer \
  'read -r -a WORKLOADS_LOCKSTEP <<<"$WORKLOADS_LOCKSTEP_LIST"; run_one {}' >> "$results"
wall=$(( $(date +%s) - t0 ))
awk -F'\t' -v wall="$wall" -v jobs="$jobs" -v opts="${opts[*]}" '
  NR > 1 { n++; cyc += $6; if ($7 != "ok") { bad++; fails = fails sprintf("  seed %s (%s, %s, %s requests%s): %s\n    reproduce: scripts/regress.sh --one %s %s\n",
           $1, $2, $3, $4, ($5 == "none" ? "" : ", " $5), $7, $1, opts) } }
  END { printf "regress: %d runs, %d failed, %.3g RTL cycles compared, %d s wall on %d jobs (%.2f M cycles/s)\n",
               n, bad, cyc, wall, jobs, (wall ? cyc / wall / 1e6 : 0)
        if (bad) printf "%s", fails }' "$results" | tee "$out/summary.txt"
# Functional coverage of these runs (informative here: `make coverage` fails on a missed bin).
scripts/coverage.sh --functional "$HBM_FCOV_DIR" vhbm 2>&1 | sed -n '/^functional coverage/,$p' | tee -a "$out/summary.txt" || true
! grep -q $'\tFAIL' "$results"
