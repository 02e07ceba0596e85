// minimal.cpp - the smallest platform: a CPU writes 64 bytes into the HBM
// target and reads them back (README, docs/systemc.md; make systemc-test runs it).
#include "hbm_tlm.h"
#include <cstring>
#include <tlm_utils/simple_initiator_socket.h>

struct cpu : sc_core::sc_module {
    tlm_utils::simple_initiator_socket<cpu> isock;
    SC_CTOR(cpu) : isock("isock") { SC_THREAD(run); }
    void access(tlm::tlm_command cmd, uint64_t addr, uint8_t *buf, unsigned len) {
        tlm::tlm_generic_payload gp;
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        gp.set_command(cmd);
        gp.set_address(addr);
        gp.set_data_ptr(buf);
        gp.set_data_length(len);
        gp.set_streaming_width(len);
        isock->b_transport(gp, delay);          // delay += the controller's cycles x its clock
        sc_assert(gp.is_response_ok());
        wait(delay);
    }
    void run() {
        uint8_t out[64], in[64] = {0};
        for (int i = 0; i < 64; i++) out[i] = (uint8_t)(3 * i + 1);
        access(tlm::TLM_WRITE_COMMAND, 0x1000, out, 64);
        access(tlm::TLM_READ_COMMAND, 0x1000, in, 64);
        sc_assert(std::memcmp(in, out, 64) == 0);
    }
};

int sc_main(int argc, char **argv) {
    hbm_tlm_target mem("hbm", argc > 1 ? argv[1] : "configs/hbm2_2000.ini");
    cpu c("cpu");
    c.isock.bind(mem.tsock);
    sc_core::sc_start();                        // the target prints its report at the end
    return 0;
}
