// hbm_defs.vh - project-wide Verilog macros.
//
// HBM_ASSERT(name, cond): a simulation-only check.  When cond is false at a
// clock edge it prints the module path, the check's name and the time and
// stops the simulation with a non-zero exit ($fatal; $stop would exit 0
// under vvp and hide the failure).  Synthesis never sees it.
`ifndef HBM_DEFS_VH
`define HBM_DEFS_VH
`ifndef SYNTHESIS
`define HBM_ASSERT(name, cond) \
  always @(posedge clk_i) \
    if (!rst_i && !(cond)) \
      $fatal(1, "%m: assertion %s failed at time %0t", name, $time);
`else
`define HBM_ASSERT(name, cond)
`endif
// Command codes: the same numbers as enum hbm_cmd_code in model/hbm_cmd.h.
`define HBM_CMD_NOP   4'd0
`define HBM_CMD_ACT   4'd1
`define HBM_CMD_PRE   4'd2
`define HBM_CMD_PREA  4'd3
`define HBM_CMD_REFAB 4'd4
`define HBM_CMD_REFPB 4'd5
`define HBM_CMD_RD    4'd6
`define HBM_CMD_RDA   4'd7
`define HBM_CMD_WR    4'd8
`define HBM_CMD_WRA   4'd9
`endif
