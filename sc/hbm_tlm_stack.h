/*
 * hbm_tlm_stack.h - a whole HBM stack as TLM-2.0 memory: an interconnect
 * with the stack's address interleave in front of one hbm_tlm_target per
 * pseudo-channel, for the [stack] configs (configs/hbm2_stack.ini).
 *
 * Owns: the targets (one golden model each, named pc0, pc1, ...), the
 * routing of every transaction to its pseudo-channel, and the stack's
 * report.  Initiators bind to `tsock` (a multi-passthrough target socket:
 * any number, each its own base-protocol hop); the targets sit behind
 * `isock` (a multi-passthrough initiator socket).
 *
 * Routing: with switch = crossbar the stack's interleave
 * (model/hbm_stack.c, hbm_stack_route: interleave_bytes per
 * pseudo-channel, the XOR hash); with switch = none pseudo-channel p
 * holds [p x C, (p + 1) x C).  The payload's address is the
 * pseudo-channel's while it is there and the stack's again before it goes
 * back.  A transaction must stay inside one interleave block (it is one
 * pseudo-channel's); one that crosses gets TLM_BURST_ERROR_RESPONSE, one
 * beyond the stack TLM_ADDRESS_ERROR_RESPONSE, and nothing is written.
 *
 * AT: phases pass through in zero time.  A pseudo-channel takes one
 * request phase at a time (its target's request exclusion rule): BEGIN_REQs
 * of several initiators for one pseudo-channel go to it one after the
 * other in the order they came, each initiator's END_REQ when its request
 * was taken.  BEGIN_RESPs from several pseudo-channels for one initiator are
 * passed on one at a time (the response exclusion rule of its hop): the
 * others wait, holding their pseudo-channel's response port, in the order
 * they came.  b_transport and debug transport are forwarded; DMI is not
 * offered (a pointer would cover one pseudo-channel's slice of an
 * interleaved space).
 */
#ifndef HBM_TLM_STACK_H
#define HBM_TLM_STACK_H

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include "hbm_tlm.h"

class hbm_tlm_stack : public sc_core::sc_module {
public:
    tlm_utils::multi_passthrough_target_socket<hbm_tlm_stack> tsock;
    tlm_utils::multi_passthrough_initiator_socket<hbm_tlm_stack> isock;

    SC_HAS_PROCESS(hbm_tlm_stack);
    hbm_tlm_stack(sc_core::sc_module_name name, const char *config_path);
    ~hbm_tlm_stack() override;

    const hbm_config &config() const { return cfg_; }
    int pseudo_channels() const { return (int)pcs_.size(); }
    hbm_tlm_target &pc(int n) { return *pcs_[(size_t)n]; }
    uint64_t stack_bytes() const { return cfg_.stack_bytes; }
    /* The pseudo-channel of a stack address and the address there; -1 beyond the stack. */
    int route(uint64_t addr, uint64_t *local) const;

    /* Per pseudo-channel and total: bytes, busy share, the stack's bandwidth. */
    void print_report(FILE *out, bool json, const char *source = "tlm") const;

private:
    struct hop {                        /* one initiator's transaction in flight */
        int initiator = 0, pc = 0;
        uint64_t addr = 0;              /* the stack address, put back whenever it goes upstream */
        uint64_t local = 0;             /* the pseudo-channel's address, while it is there */
        sc_core::sc_time delay;         /* BEGIN_REQ's annotated delay, passed on */
    };
    hbm_config cfg_;
    std::string path_;
    std::vector<std::unique_ptr<hbm_tlm_target>> pcs_;
    std::map<tlm::tlm_generic_payload *, hop> hops_;
    /* per pseudo-channel: the request in its request phase there (or null)
     * and those waiting for it, in the order they came */
    std::vector<tlm::tlm_generic_payload *> req_busy_;
    std::vector<std::deque<tlm::tlm_generic_payload *>> req_wait_;
    /* per initiator: the BEGIN_RESP it holds (or null) and those waiting */
    std::vector<tlm::tlm_generic_payload *> resp_busy_;
    std::vector<std::deque<tlm::tlm_generic_payload *>> resp_wait_;

    tlm::tlm_response_status check(const tlm::tlm_generic_payload &gp, int *pc, uint64_t *local) const;
    void b_transport(int id, tlm::tlm_generic_payload &gp, sc_core::sc_time &delay);
    tlm::tlm_sync_enum nb_transport_fw(int id, tlm::tlm_generic_payload &gp, tlm::tlm_phase &ph,
                                       sc_core::sc_time &delay);
    tlm::tlm_sync_enum nb_transport_bw(int id, tlm::tlm_generic_payload &gp, tlm::tlm_phase &ph,
                                       sc_core::sc_time &delay);
    unsigned int transport_dbg(int id, tlm::tlm_generic_payload &gp);
    void send_resp(int initiator);
    void send_req(int pc);
    void end_of_elaboration() override;
};

#endif
