#!/usr/bin/env bash
# fusesoc.sh - the FuseSoC core hbmctl.core through FuseSoC and edalize
# (both pinned in build/venv), on a fresh build tree: build/fusesoc/test
# for --test, build/fusesoc/board-BOARD for --bitstream.
#
#   scripts/fusesoc.sh --test              make fusesoc (in make test)
#   scripts/fusesoc.sh --bitstream BOARD   make fusesoc-bitstream BOARD=...
#
# --test runs the targets lint (verilator -Wall on hbm_ctrl), lint_soc (on
# the SoC with the ULX3S's config) and sim (the Icarus smoke test), then
# sets up each board's target (edalize writes its Yosys script and
# Makefile; nothing is built) and checks what it would build against
# fpga/boards/BOARD.mk: synth_ecp5 of the board's top with the core's
# CLK_HZ, which is the .mk's BOARD_FUSESOC_CLK_HZ; the core's PLL file
# (fpga/boards/BOARD_pll_fusesoc.v) is ecppll's output for that clock;
# nextpnr-ecp5 with the board's pin file, device, package and speed grade;
# and the top's WINDOW_ROW_BITS default (what the core builds) is the
# .mk's.  The core's clock is lower than make bitstream's: edalize drives
# Yosys through Tcl, which the WebAssembly Yosys lacks, so the core is
# synthesized by Debian's Yosys 0.23, whose netlist is slower.
# --bitstream sets BOARD's target up, checks it as above, then builds it:
# Debian's Yosys, nextpnr-ecp5 and ecppack from build/venv (linked under
# their plain names by scripts/setup.sh --with ecp5); it prints the
# utilisation, the routed Fmax against the clock and where the .bit is.
# nextpnr fails the build when the routed Fmax misses the clock.
# Exit status: 0 passed; 1 a target failed or disagrees with the board
# file; 2 bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
fail() { echo "fusesoc: $*" >&2; exit 1; }
fs() { # $1 target, $2 build root, $3 log, the rest: more options for fusesoc run
  local t=$1 root=$2 log=$3; shift 3
  PATH="$PWD/build/venv/bin:$PATH" build/venv/bin/fusesoc --cores-root . run --build-root "$root" "$@" \
    --target="$t" hbmctl:hbm:hbmctl > "$log" 2>&1
}
val() { sed -n "s/^$2 *:= *\\([^#]*\\).*/\\1/p" "fpga/boards/$1.mk" | sed 's/ *$//'; }
boards() { ls fpga/boards/*.mk | xargs -n1 basename | sed 's/\.mk$//'; }

# check_board BOARD ROOT: the set-up target under ROOT against the board file.
check_board() {
  local b=$1 root=$2 mk=fpga/boards/$1.mk work clk win dev pkg speed opts mhz core_clk
  work=$( (ls -d "$root"/*/*-trellis 2>/dev/null || true) | head -1)
  [ -n "$work" ] || fail "target $b wrote no trellis work folder under $root"
  clk=$(val "$b" BOARD_FUSESOC_CLK_HZ); win=$(val "$b" BOARD_WINDOW_ROW_BITS)
  dev=$(val "$b" BOARD_DEVICE); pkg=$(val "$b" BOARD_PACKAGE); speed=$(val "$b" BOARD_SPEED)
  for v in clk win dev pkg speed; do [ -n "${!v}" ] || fail "$mk has no value for $v (NAME := VALUE)"; done
  opts=$(sed -n "/^  $b:\$/,/^  [a-z_0-9]*:\$/p" hbmctl.core | sed -n 's/^ *nextpnr_options: *\[\(.*\)\]/\1/p' | tr -d '", ')
  [ "$opts" = "--${dev}--package${pkg}--speed${speed}--seed1--threads1--routerrouter1" ] \
    || fail "target $b's nextpnr_options ($opts) are not $mk's device $dev, package $pkg, speed $speed"
  core_clk=$(sed -n '/^parameters:/,/^targets:/p' hbmctl.core | sed -n '/^  CLK_HZ:/,/^  [A-Z_]*:$/p' \
             | sed -n 's/^ *default: *\([0-9]*\).*/\1/p')
  [ "$core_clk" = "$clk" ] || fail "hbmctl.core's CLK_HZ default (${core_clk:-none}) is not $mk's BOARD_FUSESOC_CLK_HZ $clk"
  grep -q "parameter integer WINDOW_ROW_BITS *= *$win\b" "fpga/boards/${b}_top.v" \
    || fail "fpga/boards/${b}_top.v's WINDOW_ROW_BITS default is not $mk's $win"
  # the PLL: ecppll's output for the clock (its first lines are comments)
  mhz=$(awk -v h="$clk" 'BEGIN { printf "%g", h / 1e6 }')
  build/venv/bin/yowasp-ecppll -n "hbm_${b}_pll" -i 25 -o "$mhz" -f "$root/pll.v" > "$root/ecppll.log" 2>&1 \
    || fail "ecppll cannot make $mhz MHz ($root/ecppll.log)"
  cmp -s "$root/pll.v" "fpga/boards/${b}_pll_fusesoc.v" \
    || fail "fpga/boards/${b}_pll_fusesoc.v is not ecppll's output for $mhz MHz: copy $root/pll.v over it"
  ls "$work"/*.tcl > /dev/null 2>&1 || fail "target $b wrote no Yosys script ($work)"
  grep -q "^set top ${b}_top\$" "$work"/*.tcl && grep -q "^synth_ecp5 *-top \$top" "$work"/*.tcl \
    || fail "target $b's Yosys script does not run synth_ecp5 on ${b}_top ($work)"
  grep -q "chparam -set CLK_HZ $clk ${b}_top" "$work"/*.tcl \
    || fail "target $b's Yosys script does not set CLK_HZ $clk ($work)"
  grep -q "nextpnr-ecp5 .*--lpf [^ ]*fpga/boards/$b.lpf" "$work/Makefile" \
    || fail "target $b's Makefile does not place with fpga/boards/$b.lpf ($work/Makefile)"
}

case "$mode" in
  --test)
    out=build/fusesoc/test
    rm -rf "$out"; mkdir -p "$out"
    for t in lint lint_soc sim; do
      fs "$t" "$out/$t" "$out/$t.log" || { tail -20 "$out/$t.log"; fail "target $t failed"; }
    done
    grep -q '^smoke: .* 0 failed' "$out/sim.log" || { tail -20 "$out/sim.log"; fail "the smoke test failed"; }
    for b in $(boards); do
      grep -q "^  $b:\$" hbmctl.core || fail "fpga/boards/$b.mk has no target $b in hbmctl.core"
      fs "$b" "$out/$b" "$out/$b.setup.log" --setup || { tail -20 "$out/$b.setup.log"; fail "target $b does not set up"; }
      check_board "$b" "$out/$b"
    done
    echo "fusesoc: hbmctl.core: lint (hbm_ctrl) and lint_soc (hbm_bist_top) verilator -Wall clean," \
         "sim: $(grep '^smoke:' "$out/sim.log"); board targets set up as their board files say: $(boards | tr '\n' ' ')"
    ;;
  --bitstream)
    b=${2:?usage: fusesoc.sh --bitstream BOARD}
    [ -f "fpga/boards/$b.mk" ] || { echo "fusesoc: unknown board '$b'; the boards: $(boards | tr '\n' ' ')" >&2; exit 2; }
    for t in nextpnr-ecp5 ecppack; do
      [ -x "build/venv/bin/$t" ] || fail "build/venv/bin/$t is missing: scripts/setup.sh --with ecp5"
    done
    root=build/fusesoc/board-$b
    rm -rf "$root"; mkdir -p "$root"
    t0=$(date +%s)
    fs "$b" "$root/build" "$root/setup.log" --setup || { tail -20 "$root/setup.log"; fail "target $b does not set up"; }
    check_board "$b" "$root/build"
    fs "$b" "$root/build" "$root/build.log" --build \
      || { tail -5 "$root/build.log"; grep -h "Max frequency for clock" "$root"/build/*/*-trellis/next.log 2>/dev/null | tail -1;
           fail "target $b failed (log $root/build.log)"; }
    work=$(ls -d "$root"/build/*/*-trellis | head -1)
    bit=$(ls "$work"/*.bit) || fail "target $b wrote no bitstream ($work)"
    fmax=$( (grep "Max frequency for clock" "$work/next.log" || true) | (grep -v "clk_25mhz" || true) | tail -1)
    [ -n "$fmax" ] || fail "nextpnr reported no Fmax ($work/next.log)"
    echo "fusesoc: target $b: $(yosys -V | cut -d' ' -f1-2) synth_ecp5, nextpnr-ecp5, ecppack in $(( $(date +%s) - t0 )) s"
    (grep -E "^Info:[[:space:]]+(TRELLIS_COMB|TRELLIS_FF|DP16KD|MULT18X18D|TRELLIS_RAMW|EHXPLLL):" "$work/next.log" || true) \
      | sed 's/^Info:[[:space:]]*/  /'
    echo "  ${fmax#Info: }"
    echo "  bitstream $bit"
    ;;
  *) echo "usage: fusesoc.sh --test | --bitstream BOARD" >&2; exit 2 ;;
esac
