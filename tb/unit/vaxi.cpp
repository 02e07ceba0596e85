// vaxi.cpp - rtl/hbm_axi.v against its C twin model/hbm_axi.c, cycle by
// cycle, each in front of its own golden controller (model/, hbm_model),
// under a random AXI4 master; and the data every read returns against a
// reference memory.
//
//   vaxi --config FILE [--cycles N] [--seed N]      (VAXI_TRACE=1: a line per cycle)
//
// The master: bursts of every type (INCR, WRAP, FIXED and the reserved
// one), 1..256 beats, every AxSIZE (the two above the bus too), unaligned
// starts, 4 KiB crossings, addresses beyond the capacity, random IDs, a
// random subset of each beat's byte lanes in WSTRB, WLAST where AWLEN puts
// it; random gaps on every valid and on BREADY/RREADY (valid and payload
// held until the handshake, as AXI requires).  Addresses mostly fall in a
// few KiB, so reads meet queued writes of the same bytes.
// Each cycle every AXI output and the controller request of the RTL equal
// the C twin's (exit 1 at the first difference, with the cycle and both
// values).  Expected responses are worked out here from the AXI spec,
// independently of both: OKAY, SLVERR (illegal burst) or DECERR (beyond
// the capacity), read data equal to the reference memory on every byte no
// write could have changed while the read was outstanding, and an error
// burst writes nothing (later reads would see it).
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <vector>

#include "Vhbm_axi.h"
#include "verilated.h"

#include "hbm_axi.h"
#include "hbm_config.h"
#include "hbm_model.h"
#include "hbm_rand.h"

namespace {

uint64_t rng;
uint64_t rnd(uint64_t n) { return hbm_rand_next(&rng) % n; }

int fail(uint64_t cycle, const char *what, uint64_t model, uint64_t rtl)
{
    fprintf(stderr, "vaxi: MISMATCH at cycle %" PRIu64 ": %s: model %" PRIu64 " (0x%" PRIx64 "), RTL %" PRIu64
                    " (0x%" PRIx64 ")\n", cycle, what, model, model, rtl, rtl);
    return 1;
}
int bad(uint64_t cycle, const char *what)
{
    fprintf(stderr, "vaxi: FAIL at cycle %" PRIu64 ": %s\n", cycle, what);
    return 1;
}

// The AXI spec's rules, written out again (not shared with either twin).
int expect_resp(uint64_t addr, int len, int size, int burst, uint64_t capacity)
{
    uint64_t beats = uint64_t(len) + 1, nb = 1ull << size, total = beats * nb;
    if (size > 5 || burst == 3)
        return 2;
    if (burst == 2) {
        if (beats != 2 && beats != 4 && beats != 8 && beats != 16)
            return 2;
        if (addr % nb)
            return 2;
        uint64_t lo = addr / total * total;
        return lo + total > capacity ? 3 : 0;
    }
    uint64_t start = addr / nb * nb;
    if (burst == 1) {
        if (start / 4096 != (start + total - 1) / 4096)
            return 2;
        return start + total > capacity ? 3 : 0;
    }
    return start + nb > capacity ? 3 : 0;
}

// Byte addresses beat k of a burst touches.
void beat_bytes(uint64_t addr, int size, int burst, int len, int k, std::vector<uint64_t> &out)
{
    uint64_t nb = 1ull << size, beats = uint64_t(len) + 1, a;
    uint64_t aligned = addr / nb * nb;
    if (burst == 0)
        a = addr;
    else if (burst == 1)
        a = k == 0 ? addr : aligned + uint64_t(k) * nb;
    else {
        uint64_t total = beats * nb, lo = addr / total * total;
        a = lo + (aligned - lo + uint64_t(k) * nb) % total;
    }
    out.clear();
    for (uint64_t b = a; b < a / nb * nb + nb; b++)
        out.push_back(b);
}

struct Burst {
    uint32_t id;
    uint64_t addr;
    int len, size, burst, resp;
};

struct ReadCheck {
    Burst b;
    int beat = 0;
    std::map<uint64_t, bool> dirty;   // bytes a write may have changed
};

}  // namespace

int main(int argc, char **argv)
{
    uint64_t cycles = 200000, seed = 1;
    const char *config = nullptr;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--cycles"))
            cycles = strtoull(argv[i + 1], nullptr, 10);
        else if (!strcmp(argv[i], "--seed"))
            seed = strtoull(argv[i + 1], nullptr, 10);
        else if (!strcmp(argv[i], "--config"))
            config = argv[i + 1];
    }
    if (!config) {
        fprintf(stderr, "usage: vaxi --config FILE [--cycles N] [--seed N]\n");
        return 2;
    }
    rng = seed;
    const bool trace = getenv("VAXI_TRACE") != nullptr;
    char err[HBM_ERR_MAX];
    hbm_config cfg;
    if (hbm_config_load(&cfg, config, err)) {
        fprintf(stderr, "vaxi: %s\n", err);
        return 2;
    }
    std::unique_ptr<hbm_model, void (*)(hbm_model *)> ctl_rtl(hbm_model_create(&cfg, err), hbm_model_free);
    std::unique_ptr<hbm_model, void (*)(hbm_model *)> ctl_c(hbm_model_create(&cfg, err), hbm_model_free);
    if (!ctl_rtl || !ctl_c) {
        fprintf(stderr, "vaxi: %s\n", err);
        return 2;
    }
    const uint64_t capacity = cfg.capacity_bytes;
    int addr_bits = 0;
    while ((1ull << addr_bits) < capacity)
        addr_bits++;
    static hbm_axi ax;
    if (hbm_axi_init(&ax, addr_bits, cfg.id_bits, AXI_ADDR_BITS, ROB_DEPTH)) {
        fprintf(stderr, "vaxi: bad sizes\n");
        return 2;
    }
    std::unique_ptr<VerilatedContext> ctx(new VerilatedContext);
    std::unique_ptr<Vhbm_axi> top(new Vhbm_axi(ctx.get()));

    // the master's state
    hbm_axi_in in;
    memset(&in, 0, sizeof in);
    std::deque<Burst> w_todo;           // accepted AWs whose W beats are still to send
    int w_beat = 0;
    std::map<uint64_t, uint8_t> mem;    // reference memory (absent: 0)
    std::vector<std::pair<Burst, std::vector<std::pair<uint64_t, uint8_t>>>> w_inflight;
    std::map<uint32_t, std::deque<std::pair<Burst, std::vector<std::pair<uint64_t, uint8_t>>>>> w_by_id;
    std::deque<ReadCheck> r_out;        // accepted ARs, in order (the port answers in order)
    std::vector<uint64_t> bytes;
    uint64_t reads_checked = 0, bytes_checked = 0, errors_seen = 0, writes_done = 0;

    auto new_burst = [&](Burst &b) {
        b.id = uint32_t(rnd(16));
        int k = int(rnd(100));
        b.burst = k < 70 ? 1 : k < 85 ? 2 : k < 97 ? 0 : 3;
        b.size = rnd(10) < 7 ? 5 : int(rnd(8));
        int beats = b.burst == 2 ? (2 << rnd(4)) : rnd(10) ? 1 + int(rnd(8)) : 1 + int(rnd(256));
        if (b.burst == 2 && rnd(20) == 0)
            beats = 3;                              // an illegal WRAP length
        b.len = beats - 1;
        uint64_t base = rnd(50) == 0 ? capacity - 4096 + rnd(4096) : rnd(8192);
        if (rnd(100) == 0)
            base = capacity + rnd(1 << 16);         // beyond the capacity
        b.addr = base;
        if (rnd(3))
            b.addr &= ~((1ull << (b.size > 5 ? 5 : b.size)) - 1);   // mostly aligned
        b.resp = expect_resp(b.addr, b.len, b.size, b.burst, capacity);
    };

    top->clk_i = 0;
    top->rst_i = 1;
    top->eval();
    top->clk_i = 1;
    top->eval();
    top->clk_i = 0;
    top->rst_i = 0;
    top->eval();

    Burst aw{}, ar{};
    for (uint64_t c = 0; c < cycles; c++) {
        // ---- the master's inputs for this cycle (held while valid) ----
        if (!in.awvalid && rnd(4) == 0) {
            new_burst(aw);
            in.awvalid = 1;
            in.awid = aw.id, in.awaddr = aw.addr, in.awlen = aw.len, in.awsize = aw.size, in.awburst = aw.burst;
        }
        if (!in.arvalid && rnd(3) == 0) {
            new_burst(ar);
            in.arvalid = 1;
            in.arid = ar.id, in.araddr = ar.addr, in.arlen = ar.len, in.arsize = ar.size, in.arburst = ar.burst;
        }
        if (!in.wvalid && !w_todo.empty() && rnd(5) != 0) {
            const Burst &b = w_todo.front();
            beat_bytes(b.addr, b.size, b.burst, b.len, w_beat, bytes);
            in.wvalid = 1;
            for (int i = 0; i < 32; i++)
                in.wdata[i] = uint8_t(rnd(256));
            uint32_t lanes = 0;
            for (uint64_t a : bytes)
                lanes |= 1u << (a % 32);
            if (b.size > 5)
                lanes = uint32_t(rnd(1ull << 32));
            in.wstrb = rnd(4) ? lanes : lanes & uint32_t(rnd(1ull << 32));
            in.wlast = w_beat == b.len;
        }
        in.bready = rnd(4) != 0;
        in.rready = rnd(4) != 0;

        top->s_axi_awvalid = in.awvalid;
        top->s_axi_awid = in.awid;
        top->s_axi_awaddr = uint32_t(in.awaddr);
        top->s_axi_awlen = in.awlen;
        top->s_axi_awsize = in.awsize;
        top->s_axi_awburst = in.awburst;
        top->s_axi_wvalid = in.wvalid;
        for (int w = 0; w < 8; w++) {
            uint32_t word;
            memcpy(&word, &in.wdata[w * 4], 4);
            top->s_axi_wdata[w] = word;
        }
        top->s_axi_wstrb = in.wstrb;
        top->s_axi_wlast = in.wlast;
        top->s_axi_bready = in.bready;
        top->s_axi_arvalid = in.arvalid;
        top->s_axi_arid = in.arid;
        top->s_axi_araddr = uint32_t(in.araddr);
        top->s_axi_arlen = in.arlen;
        top->s_axi_arsize = in.arsize;
        top->s_axi_arburst = in.arburst;
        top->s_axi_rready = in.rready;

        // ---- each side's controller: its response now (always taken) ----
        hbm_axi_resp resp_r{}, resp_c{};
        hbm_resp hr;
        if (hbm_model_pop_resp(ctl_rtl.get(), &hr)) {
            resp_r.valid = 1, resp_r.write = hr.is_write, resp_r.id = hr.id;
            memcpy(resp_r.data, hr.data, 32);
        }
        if (hbm_model_pop_resp(ctl_c.get(), &hr)) {
            resp_c.valid = 1, resp_c.write = hr.is_write, resp_c.id = hr.id;
            memcpy(resp_c.data, hr.data, 32);
        }
        top->resp_valid_i = resp_r.valid;
        top->resp_write_i = resp_r.write;
        top->resp_id_i = resp_r.id;
        top->resp_err_i = 0;   // ecc = none here; SLVERR for flagged reads: make lockstep-stack's ECC variant
        for (int w = 0; w < 8; w++) {
            uint32_t word;
            memcpy(&word, &resp_r.data[w * 4], 4);
            top->resp_rdata_i[w] = word;
        }
        top->req_ready_i = 0;
        top->eval();
        // the request each side offers, and its controller's ready for it
        hbm_axi_req rq;
        hbm_axi_request(&ax, &rq);
        bool rtl_valid = top->req_valid_o;
        if (rtl_valid != bool(rq.valid))
            return fail(c, "request valid", rq.valid, rtl_valid);
        if (rq.valid) {
            if (top->req_write_o != rq.write || top->req_addr_o != rq.addr || top->req_id_o != rq.id)
                return fail(c, "request (address)", rq.addr, top->req_addr_o);
            if (rq.write && (top->req_wstrb_o != rq.strb || memcmp(&top->req_wdata_o, rq.data, 32)))
                return fail(c, "request write enables", rq.strb, top->req_wstrb_o);
        }
        int ready_r = rtl_valid && hbm_model_can_accept(ctl_rtl.get(), top->req_addr_o, top->req_write_o);
        int ready_c = rq.valid && hbm_model_can_accept(ctl_c.get(), rq.addr, rq.write);
        top->req_ready_i = ready_r;
        top->eval();
        hbm_axi_out o;
        hbm_axi_outputs(&ax, ready_c, &o);
        if (!top->resp_ready_o)
            return bad(c, "resp_ready_o low");
#define SAME(f, rtlv) if (uint64_t(o.f) != uint64_t(rtlv)) return fail(c, #f, uint64_t(o.f), uint64_t(rtlv));
        SAME(awready, top->s_axi_awready) SAME(wready, top->s_axi_wready) SAME(arready, top->s_axi_arready)
        SAME(bvalid, top->s_axi_bvalid) SAME(rvalid, top->s_axi_rvalid)
        if (o.bvalid) { SAME(bid, top->s_axi_bid) SAME(bresp, top->s_axi_bresp) }
        if (o.rvalid) {
            SAME(rid, top->s_axi_rid) SAME(rresp, top->s_axi_rresp) SAME(rlast, top->s_axi_rlast)
            if (memcmp(&top->s_axi_rdata, o.rdata, 32))
                return fail(c, "rdata (first byte)", o.rdata[0], top->s_axi_rdata[0] & 0xff);
        }
#undef SAME

        // ---- the controllers take their requests ----
        if (ready_r)
            hbm_model_push(ctl_rtl.get(), top->req_addr_o, top->req_write_o, top->req_id_o,
                           (const uint8_t *)&top->req_wdata_o, top->req_wstrb_o);
        if (ready_c)
            hbm_model_push(ctl_c.get(), rq.addr, rq.write, rq.id, rq.data, rq.strb);

        if (trace)   // VAXI_TRACE=1: the handshakes and the C twin's engines, cycle by cycle
            fprintf(stderr, "c%" PRIu64 " aw %d/%d w %d/%d ar %d/%d b %d r %d req %d/%d w=%d a=%" PRIx64
                            " | w: busy %d left %d resp %d wb %d | r: busy %d addr %" PRIx64 " size %d burst %d"
                            " left %d resp %d\n", c, in.awvalid, o.awready, in.wvalid, o.wready, in.arvalid,
                    o.arready, o.bvalid, o.rvalid, rq.valid, ready_c, rq.write, rq.addr, ax.w.busy, ax.w.left,
                    ax.w.resp, ax.wb_valid, ax.r.busy, ax.r.addr, ax.r.size, ax.r.burst, ax.r.left, ax.r.resp);
        // ---- the master sees the handshakes (the outputs are equal) ----
        const hbm_axi_in in_now = in;   // what both sides take at the edge
        if (in.awvalid && o.awready) {
            in.awvalid = 0;
            w_todo.push_back(aw);
            std::vector<std::pair<uint64_t, uint8_t>> none;
            w_by_id[aw.id].push_back({aw, none});
            // reads outstanding may see this write's bytes
            for (int k = 0; k <= aw.len; k++) {
                beat_bytes(aw.addr, aw.size, aw.burst, aw.len, k, bytes);
                for (auto &rc : r_out)
                    for (uint64_t a : bytes)
                        rc.dirty[a] = true;
            }
        }
        if (in.wvalid && o.wready) {
            Burst &b = w_todo.front();
            beat_bytes(b.addr, b.size, b.burst, b.len, w_beat, bytes);
            auto &pend = w_by_id[b.id].back().second;
            for (uint64_t a : bytes)
                if (in.wstrb >> (a % 32) & 1)
                    pend.push_back({a, in.wdata[a % 32]});
            in.wvalid = 0;
            if (++w_beat > b.len) {
                w_beat = 0;
                w_todo.pop_front();
            }
        }
        if (o.bvalid && in.bready) {
            auto &q = w_by_id[o.bid];
            if (q.empty())
                return bad(c, "B with no write burst of that id");
            auto done = q.front();
            q.pop_front();
            if (o.bresp != done.first.resp)
                return fail(c, "bresp against the AXI rules", done.first.resp, o.bresp);
            if (o.bresp == 0)
                for (auto &p : done.second)
                    mem[p.first] = p.second;
            errors_seen += o.bresp != 0;
            writes_done++;
        }
        if (in.arvalid && o.arready) {
            in.arvalid = 0;
            ReadCheck rc;
            rc.b = ar;
            // bytes of writes still in flight may or may not be seen
            for (auto &kv : w_by_id)
                for (auto &wb : kv.second)
                    for (int k = 0; k <= wb.first.len; k++) {
                        beat_bytes(wb.first.addr, wb.first.size, wb.first.burst, wb.first.len, k, bytes);
                        for (uint64_t a : bytes)
                            rc.dirty[a] = true;
                    }
            r_out.push_back(rc);
        }
        if (o.rvalid && in.rready) {
            if (r_out.empty())
                return bad(c, "R with no read burst outstanding");
            ReadCheck &rc = r_out.front();
            if (o.rid != rc.b.id)
                return fail(c, "rid (bursts come back in AR order)", rc.b.id, o.rid);
            if (o.rresp != rc.b.resp)
                return fail(c, "rresp against the AXI rules", rc.b.resp, o.rresp);
            if (o.rlast != (rc.beat == rc.b.len))
                return fail(c, "rlast on the burst's last beat", rc.beat == rc.b.len, o.rlast);
            if (o.rresp == 0) {
                beat_bytes(rc.b.addr, rc.b.size, rc.b.burst, rc.b.len, rc.beat, bytes);
                for (uint64_t a : bytes) {
                    if (rc.dirty.count(a))
                        continue;
                    auto it = mem.find(a);
                    uint8_t want = it == mem.end() ? 0 : it->second;
                    if (o.rdata[a % 32] != want) {
                        fprintf(stderr, "vaxi: cycle %" PRIu64 ": read of 0x%" PRIx64 " returned 0x%02x, memory holds 0x%02x\n",
                                c, a, o.rdata[a % 32], want);
                        return 1;
                    }
                    bytes_checked++;
                }
            } else {
                errors_seen++;
            }
            if (rc.beat++ == rc.b.len) {
                r_out.pop_front();
                reads_checked++;
            }
        }

        // ---- the clock edge on both sides ----
        hbm_axi_edge(&ax, &in_now, ready_c, &resp_c);
        top->clk_i = 1;
        top->eval();
        top->clk_i = 0;
        top->eval();
        hbm_model_tick(ctl_rtl.get());
        hbm_model_tick(ctl_c.get());
    }
    top->final();
    printf("vaxi: hbm_axi = model/hbm_axi.c for %" PRIu64 " cycles: %" PRIu64 " write and %" PRIu64
           " read bursts done (%" PRIu64 " error responses), %" PRIu64 " read bytes checked\n",
           cycles, writes_done, reads_checked, errors_seen, bytes_checked);
    if (!reads_checked || !writes_done || !bytes_checked || !errors_seen)
        return bad(cycles, "the run exercised too little");
    return 0;
}
