#!/usr/bin/env bash
# build_pgo.sh - a profile-guided, link-time-optimized (gcc -fprofile-use
# -flto) build of hbmsim for
# benchmarks.  Trains on short runs of the built-in workloads, then
# rebuilds with the profile.  The tests use the ordinary build; this one
# only changes how fast the same code runs (bench.sh reports both).
# Usage: scripts/build_pgo.sh OUTDIR   -> OUTDIR/hbmsim
set -euo pipefail
out=${1:?usage: build_pgo.sh OUTDIR}
rm -rf "$out"
make -s --no-print-directory BUILD="$out" CFLAGS="-O2 -flto=auto -fprofile-generate -fprofile-update=single" "$out/hbmsim"
. scripts/lib.sh   # WORKLOADS_TRAIN
for w in "${WORKLOADS_TRAIN[@]}"; do
  "$out/hbmsim" --config configs/hbm2_2000.ini --workload "$w" --requests 40000 >/dev/null
  "$out/hbmsim" --config configs/hbm2_2000.ini --workload "$w" --requests 40000 --no-check >/dev/null
done
find "$out" -name '*.o' -delete
rm -f "$out"/*.a "$out/hbmsim"
make -s --no-print-directory BUILD="$out" CFLAGS="-O2 -flto=auto -fprofile-use -fprofile-correction -Wno-missing-profile" "$out/hbmsim"
echo "built $out/hbmsim (profile-guided)"
