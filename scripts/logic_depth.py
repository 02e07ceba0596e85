#!/usr/bin/env python3
"""logic_depth.py - the deepest logic between registers of an ECP5 netlist.

    scripts/logic_depth.py NETLIST.json [N] [--trace TEXT]

NETLIST.json is Yosys's write_json of a flat synth_ecp5 netlist (make synth
FPGA=ecp5 writes one).  Prints the N (default 15) deepest paths, one per
pair of start and end signals, deepest first: their depth, the register
(or input port) they start at and the register (or output port) they end
at, by the names of the registers' outputs.  Depth counts levels of logic
with a weight for each cell arc: a LUT4, a PFUMX/L6MUX21 wide-function
mux 0.3 (inside the slice), a TRELLIS_DPR16X4 read 1, a CCU2C input 1
and its carry from cell to cell 0.05 (the dedicated carry chain).  Cells
with a clock (TRELLIS_FF, DP16KD, MULT18X18D, EHXPLLL) start and end paths.

--trace TEXT: instead, the deepest path into each of the N deepest ends
whose name contains TEXT, cell by cell: the arrival, the cell type and
the name of the net it drives (after LUT mapping Yosys keeps no source
lines; a net's name says which block and often which signal it feeds).

Why: nextpnr reports one critical path a run, after minutes of place and
route, and Yosys's sta has no ECP5 delays; this ranks every register's
worst input in seconds, so a change to the pipeline shows which paths it
shortened.  On this fabric a level costs about as much in routing as in
the LUT, so depth tracks the routed period only roughly; the routed Fmax
remains make synth's figure.
"""
import collections
import json
import sys

CLOCKED = ('TRELLIS_FF', 'DP16KD', 'MULT18X18D', 'EHXPLLL')


def arc_weight(cell_type, pin_in, pin_out):
    """The weight of the arc pin_in -> pin_out of a combinational cell, None if no arc."""
    if cell_type == 'CCU2C':
        if pin_in == 'CIN':
            return 0.05 if pin_out == 'COUT' else 0.3
        return 1.0
    if cell_type in ('PFUMX', 'L6MUX21'):
        return 0.3
    if cell_type == 'TRELLIS_DPR16X4':   # written on the clock, read through RAD
        return 1.0 if pin_in.startswith('RAD') else None
    return 1.0


def main():
    args = sys.argv[1:]
    trace = None
    if '--trace' in args:
        k = args.index('--trace')
        if k + 1 >= len(args):
            sys.exit('usage: logic_depth.py NETLIST.json [N] [--trace TEXT]')
        trace = args[k + 1]
        del args[k:k + 2]
    if len(args) not in (1, 2):
        sys.exit('usage: logic_depth.py NETLIST.json [N] [--trace TEXT]')
    limit = int(args[1]) if len(args) == 2 else 15
    design = json.load(open(args[0]))
    tops = [m for m in design['modules'].values() if int(m.get('attributes', {}).get('top', '0') or 0)]
    if len(tops) != 1:
        sys.exit('logic_depth: the netlist must have one top module (a flat synth_ecp5 netlist)')
    top = tops[0]
    # bit -> the best name of its net: a public one, then one that Yosys's
    # autoname did not make up from cell pins (_LUT4_Z, _TRELLIS_FF_Q, ...),
    # then the shortest
    def rank(net, info):
        made_up = any(t in net for t in ('_LUT4_', '_TRELLIS_', '_PFUMX_', '_L6MUX21_', '_CCU2C_', '_DPR16X4_'))
        return (net.startswith('$') or bool(info.get('hide_name')), made_up, len(net))
    name, best = {}, {}
    for net, info in top['netnames'].items():
        r = rank(net, info)
        for k, bit in enumerate(info['bits']):
            if isinstance(bit, int) and (bit not in best or r < best[bit]):
                best[bit] = r
                name[bit] = (f'{net}[{k}]' if len(info['bits']) > 1 else net,)
    arcs = collections.defaultdict(list)   # bit -> [(bit, weight)]
    driver = {}                            # bit -> the cell type driving it
    starts, ends = {}, {}                  # bit -> the register's (or port's) name
    for port, info in top['ports'].items():
        for k, bit in enumerate(info['bits']):
            if isinstance(bit, int):
                label = f'{port}[{k}] (port)' if len(info['bits']) > 1 else f'{port} (port)'
                (starts if info['direction'] == 'input' else ends)[bit] = label
    for cell in top['cells'].values():
        kind, dirs, conn = cell['type'], cell.get('port_directions', {}), cell['connections']
        ins = [(p, b) for p, bits in conn.items() if dirs.get(p) == 'input' for b in bits if isinstance(b, int)]
        outs = [(p, b) for p, bits in conn.items() if dirs.get(p) == 'output' for b in bits if isinstance(b, int)]
        if kind in CLOCKED:
            q = [b for p, b in outs]
            reg = name.get(q[0], (str(q[0]),))[0] if q else kind
            for p, b in outs:
                starts[b] = name.get(b, (reg,))[0]
            for p, b in ins:
                ends.setdefault(b, f'{reg} ({p})')
            continue
        for pin_out, bit_out in outs:
            driver[bit_out] = kind
        for pin_in, bit_in in ins:
            for pin_out, bit_out in outs:
                w = arc_weight(kind, pin_in, pin_out)
                if w is not None:
                    arcs[bit_in].append((bit_out, w))
    # Longest arrival at every bit, in topological order (a loop is an error).
    indeg = collections.Counter(b for fan in arcs.values() for b, _ in fan)
    ready = collections.deque(b for b in set(arcs) | set(starts) if indeg[b] == 0)
    arrival, came_from, done = {}, {}, 0
    for b in ready:
        arrival[b] = 0.0
    while ready:
        b = ready.popleft()
        done += 1
        for nxt, w in arcs.get(b, ()):
            if arrival.get(b, 0.0) + w > arrival.get(nxt, -1.0):
                arrival[nxt] = arrival.get(b, 0.0) + w
                came_from[nxt] = b
            indeg[nxt] -= 1
            if indeg[nxt] == 0:
                ready.append(nxt)
    if any(n > 0 for n in indeg.values()):
        sys.exit('logic_depth: the netlist has a combinational loop')
    seen, shown = set(), 0
    for depth, end in sorted(((arrival.get(b, 0.0), b) for b in ends), reverse=True):
        b = end
        while b in came_from:
            b = came_from[b]
        start = starts.get(b, name.get(b, (str(b),))[0])
        key = (start.split('[')[0], ends[end].split('[')[0])
        if key in seen or (trace is not None and trace not in ends[end]):
            continue
        seen.add(key)
        print(f'{depth:5.1f}  {start}  ->  {ends[end]}')
        if trace is not None:
            path, b = [], end
            while b in came_from:
                path.append(b)
                b = came_from[b]
            for b in reversed(path):
                kind = driver.get(b, '?')
                net = name.get(b, ('',))[0]
                print(f'       {arrival[b]:5.2f}  {kind:8} {net[:110]}')
        shown += 1
        if shown == limit:
            break


if __name__ == '__main__':
    main()
