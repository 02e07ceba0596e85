// hbm_defs.vh - project-wide Verilog macros.
//
// HBM_ASSERT(name, cond): a simulation-only check.  When cond is false at a
// clock edge it prints the module path, the check's name and the time and
// stops the simulation with a non-zero exit ($fatal; $stop would exit 0
// under vvp and hide the failure).  Synthesis never sees it; a formal
// proof asserts it: FORMAL defined (a primitive's proof, formal/*.sby,
// which also reads its ifdef FORMAL properties and assumptions), or
// HBM_ASSERT_FORMAL alone (the whole controller's proof,
// formal/hbm_ctrl.sby: the RTL's checks as assertions, without the
// primitives' assumptions).  FORMAL implies HBM_ASSERT_FORMAL.
`ifndef HBM_DEFS_VH
`define HBM_DEFS_VH
`ifdef FORMAL
`ifndef HBM_ASSERT_FORMAL
`define HBM_ASSERT_FORMAL
`endif
`endif
`ifdef HBM_ASSERT_FORMAL
`define HBM_ASSERT(name, cond) \
  always @(posedge clk_i) \
    if (!rst_i) \
      assert(cond);
`elsif SYNTHESIS
`define HBM_ASSERT(name, cond)
`else
`define HBM_ASSERT(name, cond) \
  always @(posedge clk_i) \
    if (!rst_i && !(cond)) \
      $fatal(1, "%m: assertion %s failed at time %0t", name, $time);
`endif
// Command codes, timing classes and relations, row-hit causes: generated
// from model/hbm_encoding.def into rtl/gen/hbm_encoding.vh (make gen).
`include "hbm_encoding.vh"
// `HBM_CLOG2(v): derived widths.
`include "hbm_clog2.vh"
`endif
