"""run.py - build tb/hbm_axi_dut.v for hbm2_2000 under Icarus and run the
cocotb tests of tb/cocotb/test_hbm_axi.py (make cocotb).  Exit status 0 only
if every test passed.  Usage: python tb/cocotb/run.py BUILD_DIR"""
import os
import pathlib
import sys
import xml.etree.ElementTree as ET

from cocotb_tools.runner import get_runner

root = pathlib.Path(__file__).resolve().parents[2]
build = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "build/cocotb").resolve()
sources = [root / "tb/hbm_axi_dut.v"] + sorted((root / "rtl").glob("*.v"))
runner = get_runner("icarus")
runner.build(sources=sources, includes=[root / "rtl", root / "rtl/gen", root / "rtl/gen/hbm2_2000"],
             hdl_toplevel="hbm_axi_dut", build_dir=build, build_args=["-g2005"], timescale=("1ns", "1ps"))
results = runner.test(test_module="test_hbm_axi", hdl_toplevel="hbm_axi_dut", build_dir=build,
                      test_dir=build, extra_env={"PYTHONPATH": str(root / "tb/cocotb"),
                                             "HBM_COCOTB_ROUNDS": os.environ.get("HBM_COCOTB_ROUNDS", "60")})
cases = ET.parse(results).getroot().iter("testcase")
total = failed = 0
for c in cases:
    total += 1
    if c.find("failure") is not None or c.find("error") is not None:
        failed += 1
print(f"cocotb: {total - failed} passed, {failed} failed (hbm_axi_dut under Icarus, cocotbext-axi master)")
sys.exit(1 if failed or total == 0 else 0)
