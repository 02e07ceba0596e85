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
// The timing rules the Verilog device model (rtl/hbm_dev.v) checks, from the
// config header (hbm_cfg.vh, included after this file): its parameter list
// wherever it is instantiated (the tests' and the self-test SoC's).
`define HBM_DEV_TIMING_PARAMS \
  .T_BURST_CK(`HBM_T_BURST_CK), .T_RC_CK(`HBM_T_RC_CK), .T_RCDRD_CK(`HBM_T_RCDRD_CK), \
  .T_RCDWR_CK(`HBM_T_RCDWR_CK), .T_RAS_CK(`HBM_T_RAS_CK), .T_RP_CK(`HBM_T_RP_CK), .T_RTP_CK(`HBM_T_RTP_CK), \
  .T_WR_CK(`HBM_T_WR_CK), .T_RFC_CK(`HBM_T_RFC_CK), .T_RFCPB_CK(`HBM_T_RFCPB_CK), \
  .T_RRD_L_CK(`HBM_T_RRD_L_CK), .T_RRD_S_CK(`HBM_T_RRD_S_CK), .T_CCD_L_CK(`HBM_T_CCD_L_CK), \
  .T_CCD_S_CK((`HBM_STACK_IDS > 1 && `HBM_T_CCD_R_CK < `HBM_T_CCD_S_CK) ? `HBM_T_CCD_R_CK : `HBM_T_CCD_S_CK)
`endif
