// vbist.cpp - the self-test SoC (fpga/soc/hbm_bist_top.v, or its
// post-synthesis netlist) in Verilator, talked to through its serial
// pins as a terminal would: what it prints is decoded bit by bit from
// uart_tx_o, commands are sent bit by bit into uart_rx_i.
//
//   vbist [--run "LINE;LINE;..."]... [--max-cycles N] [--wave FILE.fst]
//
// Waits for the SoC's help line after reset, then for each --run sends its
// lines (each followed by CR LF) and waits for the next report or error
// line.  Every line the SoC prints goes to stdout as it is.  Exit 0 when
// every --run got its line, 1 when the SoC stayed silent for --max-cycles
// clocks (default 50 M) or printed something that is not a line of text.
// The clocks per serial bit come from the build (-DCLKS_PER_BIT), as the
// SoC's parameters CLK_HZ / BAUD.  C++ only because Verilator needs it.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "Vhbm_bist_top.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif

#ifndef CLKS_PER_BIT
#error "build with -DCLKS_PER_BIT=N (the SoC's CLK_HZ / BAUD)"
#endif

namespace {

struct Bench {
    std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
    std::unique_ptr<Vhbm_bist_top> top{new Vhbm_bist_top(ctx.get())};
#if VM_TRACE
    std::unique_ptr<VerilatedFstC> fst;
#endif
    uint64_t now = 0;
    // host -> SoC: the bits still to send, one per CLKS_PER_BIT clocks
    std::deque<int> tx_bits;
    int tx_clk = 0;
    // SoC -> host: the receiver's state
    int rx_state = 0, rx_clk = 0, rx_bit = 0, rx_byte = 0;
    std::string line;
    std::vector<std::string> lines;
    bool garbage = false;

    void send_byte(int b)
    {
        tx_bits.push_back(0);
        for (int i = 0; i < 8; i++)
            tx_bits.push_back((b >> i) & 1);
        tx_bits.push_back(1);
    }
    void send_line(const std::string &s)
    {
        for (char ch : s)
            send_byte((unsigned char)ch);
        send_byte('\r');
        send_byte('\n');
    }
    void tick()
    {
        // the host's transmitter
        if (tx_bits.empty()) {
            top->uart_rx_i = 1;
        } else {
            top->uart_rx_i = tx_bits.front();
            if (++tx_clk == CLKS_PER_BIT) {
                tx_clk = 0;
                tx_bits.pop_front();
            }
        }
        top->clk_i = 0;
        top->eval();
#if VM_TRACE
        if (fst)
            fst->dump(now * 10);
#endif
        top->clk_i = 1;
        top->eval();
#if VM_TRACE
        if (fst)
            fst->dump(now * 10 + 5);
#endif
        now++;
        // the host's receiver: a falling edge starts a byte, each bit sampled in its middle
        int tx = top->uart_tx_o;
        switch (rx_state) {
        case 0:
            if (!tx) {
                rx_state = 1;
                rx_clk = CLKS_PER_BIT / 2;
            }
            break;
        case 1:   // in the start bit
            if (--rx_clk == 0) {
                rx_state = tx ? 0 : 2;
                rx_clk = CLKS_PER_BIT;
                rx_bit = 0;
                rx_byte = 0;
            }
            break;
        case 2:   // data bits
            if (--rx_clk == 0) {
                rx_byte |= tx << rx_bit;
                rx_clk = CLKS_PER_BIT;
                if (++rx_bit == 8)
                    rx_state = 3;
            }
            break;
        default:  // the stop bit
            if (--rx_clk == 0) {
                rx_state = 0;
                if (!tx || ((rx_byte < 0x20 || rx_byte > 0x7e) && rx_byte != '\r' && rx_byte != '\n'))
                    garbage = true;   // a framing error, or not text
                if (rx_byte == '\n') {
                    lines.push_back(line);
                    printf("%s\n", line.c_str());
                    fflush(stdout);
                    line.clear();
                } else if (rx_byte != '\r') {
                    line += char(rx_byte);
                }
            }
            break;
        }
    }
    // Run until a new line arrives (true) or max clocks pass (false).
    bool wait_line(uint64_t max)
    {
        size_t have = lines.size();
        for (uint64_t i = 0; i < max && lines.size() == have; i++)
            tick();
        return lines.size() > have;
    }
};

}  // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> runs;
    uint64_t max_cycles = 50000000;
    const char *wave = nullptr;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--run") && i + 1 < argc)
            runs.push_back(argv[++i]);
        else if (!strcmp(argv[i], "--max-cycles") && i + 1 < argc)
            max_cycles = strtoull(argv[++i], nullptr, 10);
        else if (!strcmp(argv[i], "--wave") && i + 1 < argc)
            wave = argv[++i];
        else {
            fprintf(stderr, "usage: vbist [--run \"LINE;LINE;...\"]... [--max-cycles N] [--wave FILE.fst]\n");
            return 2;
        }
    }
    Bench b;
    if (wave) {
#if VM_TRACE
        Verilated::traceEverOn(true);
        b.fst.reset(new VerilatedFstC);
        b.top->trace(b.fst.get(), 99);
        b.fst->open(wave);
#else
        fprintf(stderr, "vbist: this build has no waveforms (the netlist's is built without --trace-fst)\n");
        return 2;
#endif
    }
    b.top->rst_i = 1;
    b.top->button_i = 0;
    b.top->uart_rx_i = 1;
    for (int i = 0; i < 4; i++)
        b.tick();
    b.top->rst_i = 0;
    int rc = 0;
    if (!b.wait_line(max_cycles)) {
        fprintf(stderr, "vbist: no help line after %" PRIu64 " clocks\n", max_cycles);
        rc = 1;
    }
    for (size_t r = 0; r < runs.size() && rc == 0; r++) {
        std::string s = runs[r];
        size_t at = 0;
        for (;;) {
            size_t semi = s.find(';', at);
            b.send_line(s.substr(at, semi == std::string::npos ? std::string::npos : semi - at));
            if (semi == std::string::npos)
                break;
            at = semi + 1;
        }
        // the run's line: a report or an error (help lines are answers too)
        bool got = false;
        while (!got) {
            if (!b.wait_line(max_cycles)) {
                fprintf(stderr, "vbist: run %zu (\"%s\"): no line after %" PRIu64 " clocks\n", r + 1,
                        runs[r].c_str(), max_cycles);
                rc = 1;
                break;
            }
            const std::string &l = b.lines.back();
            got = l.rfind("{\"workload\"", 0) == 0 || l.rfind("{\"error\"", 0) == 0 ||
                  l.rfind("{\"hbm_bist\"", 0) == 0;
        }
    }
    if (b.garbage) {
        fprintf(stderr, "vbist: the SoC printed bytes that are not text\n");
        rc = 1;
    }
    fprintf(stderr, "vbist: %" PRIu64 " clocks\n", b.now);
#if VM_TRACE
    if (b.fst)
        b.fst->close();
#endif
    b.top->final();
    return rc;
}
