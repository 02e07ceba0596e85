#!/usr/bin/env python3
"""docs_check.py - fail on names the docs mention that the code no longer has.

    scripts/docs_check.py [HBMSIM]      check (make docs-check, in make test)
    scripts/docs_check.py --sync        copy docs/performance.md's quoted
                                        tables into the pages that quote
                                        them (make bench does)

Reads README.md, docs/*.md and fpga/README.md and checks, in every one:
  - `make TARGET`: TARGET is a target of the Makefile;
  - file paths (rtl/..., model/..., sim/..., tb/..., scripts/..., fpga/...,
    configs/..., docs/...): the file or folder exists (a glob may match);
  - lockstep variant names (v1_..., r1_mix): a variant scripts/matrix.sh
    defines;
  - workload specs (`name:key=value`) and workload names in the README's
    and docs' tables: a workload hbmsim --help lists, with keys it takes;
  - RTL names in backquotes (u_* instances, *_i / *_o / *_q signals,
    dfi_* buses, HBM_* defines): a name some Verilog file or the generated
    headers contain;
  - figures quoted from docs/performance.md (a block between
    "<!-- performance.md: NAME -->" and "<!-- end -->"): a verbatim copy of
    that generated page's table.
Prints every stale name with its file and line; exit 1 if there is one.
"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
SYNC = len(sys.argv) > 1 and sys.argv[1] == "--sync"
HBMSIM = sys.argv[1] if len(sys.argv) > 1 and not SYNC else "build/hbmsim"

DOCS = ["README.md", "fpga/README.md"] + sorted(glob.glob("docs/*.md"))
# Generated pages quote run output (paths of temporary files, ...): their
# names are checked where they are made.
SKIP = {"docs/performance.md"}


def make_targets():
    text = open("Makefile").read()
    targets = set(re.findall(r"^([a-zA-Z][\w-]*)\s*:(?!=)", text, re.M))
    for line in re.findall(r"^\.PHONY:(.*)$", text, re.M):
        targets.update(line.split())
    return targets


def variants():
    out = subprocess.run(["bash", "-c", ". scripts/matrix.sh; for v in \"${LOCKSTEP_VARIANTS[@]}\"; "
                          "do echo ${v%% *}; done; for k in $(seq 1 $LOCKSTEP_RANDOM_MIXES); do echo r${k}_mix; done"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def workloads():
    """name -> set of keys, from hbmsim --help."""
    if not os.access(HBMSIM, os.X_OK):
        sys.exit(f"docs-check: {HBMSIM} is not built (make {HBMSIM}, or make docs-check)")
    out = subprocess.run([HBMSIM, "--help"], capture_output=True, text=True).stdout
    names = {}
    for m in re.finditer(r"^  ([a-z][a-z-]*)(?::(\S+))?", out, re.M):
        keys = set(k.split("=")[0] for k in (m.group(2) or "").split(",") if k)
        names.setdefault(m.group(1), set()).update(keys)
    # keys documented on their own lines ("  n: 1..64") belong to the name above
    current = None
    for line in out.splitlines():
        m = re.match(r"^  ([a-z][a-z-]*)(?::\S+)?\s", line)
        if m and m.group(1) in names:
            current = m.group(1)
            continue
        k = re.match(r"^\s{10,}([a-z_]+):", line)
        if k and current:
            names[current].add(k.group(1))
    return names


def rtl_names():
    text = ""
    for f in glob.glob("rtl/**/*.v", recursive=True) + glob.glob("rtl/**/*.vh", recursive=True) + \
            glob.glob("rtl/**/*.sv", recursive=True) + glob.glob("tb/**/*.sv", recursive=True) + \
            glob.glob("fpga/*.v") + glob.glob("tb/**/*.v", recursive=True) + glob.glob("sim/*.gtkw"):
        text += open(f).read()
    return set(re.findall(r"[A-Za-z_][\w$]*", text))


QUOTE = re.compile(r"<!-- performance.md: ([\w-]+) -->\n(.*?)\n<!-- end -->", re.S)
# The tables of docs/performance.md other pages quote, by the first cells of their header.
QUOTED = {"tuned-vs-baseline": "| workload | baseline | baseline-RTL",
          "python_speed": "| run | requests | hbmctl-CPU-s",
          "generations": "| workload | target | hbm2_2000"}


def quoted_tables(sync=False):
    """Figures outside docs/performance.md are verbatim copies of its tables."""
    perf = open("docs/performance.md").read()
    errors = []
    for doc in ["README.md"] + sorted(glob.glob("docs/*.md")):
        if doc in SKIP:
            continue
        text = open(doc).read()
        if sync:
            def copy(m):
                head = QUOTED.get(m.group(1))
                i = perf.find(head) if head else -1
                body = perf[i:perf.find("\n\n", i)] if i >= 0 else m.group(2)
                return f"<!-- performance.md: {m.group(1)} -->\n{body}\n<!-- end -->"
            new = QUOTE.sub(copy, text)
            if new != text:
                open(doc, "w").write(new)
                print(f"docs-check: {doc}: quoted tables copied from docs/performance.md")
            continue
        for m in QUOTE.finditer(text):
            head = QUOTED.get(m.group(1))
            i = perf.find(head) if head else -1
            if i < 0:
                errors.append(f"{doc}: quotes table '{m.group(1)}' that docs/performance.md does not have")
                continue
            table = perf[i:perf.find("\n\n", i)]
            if m.group(2).strip() != table.strip():
                errors.append(f"{doc}: table '{m.group(1)}' differs from docs/performance.md's (make bench copies it)")
    return errors


def main():
    if SYNC:
        quoted_tables(sync=True)
        return 0
    targets, vars_, wl, names = make_targets(), variants(), workloads(), rtl_names()
    errors = []
    path_re = re.compile(r"(?<![\w/.-])((?:rtl|model|sim|tb|scripts|fpga|configs|docs|formal|sc)/[\w./*<>-]*[\w*>])")
    for doc in DOCS:
        if doc in SKIP or not os.path.exists(doc):
            continue
        for n, line in enumerate(open(doc), 1):
            where = f"{doc}:{n}"
            for t in re.findall(r"`make ([a-z][\w-]*)", line) + re.findall(r"^\s*make ([a-z][\w-]*)", line):
                if t not in targets:
                    errors.append(f"{where}: make target '{t}' is not in the Makefile")
            for p in path_re.findall(line):
                p = p.rstrip(".")
                if "<" in p or "*" in p:
                    pat = re.sub(r"<[^>]*>", "*", p)
                    if not glob.glob(pat):
                        errors.append(f"{where}: no file matches '{p}'")
                elif re.match(r"configs/(x|my|your|new)\b", p) or "No such file" in line:
                    continue   # an example name in a usage line
                elif not os.path.exists(p) and not p.startswith(("build/",)):
                    errors.append(f"{where}: '{p}' does not exist")
            for v in re.findall(r"\b(v\d_[a-z0-9_]+|r\d_mix)\b", line):
                if v not in vars_:
                    errors.append(f"{where}: lockstep variant '{v}' is not in scripts/matrix.sh")
            for name, kv in re.findall(r"`([a-z][a-z0-9-]*):([a-z_]+=[^`]*)`", line):
                if name not in wl:
                    if name in ("address_map", "based_on"):
                        continue
                    errors.append(f"{where}: workload '{name}' is not one hbmsim knows")
                    continue
                for key in re.findall(r"([a-z_]+)=", kv):
                    # llm-decode's keys are listed in prose, not in --help's spec column
                    if name != "llm-decode" and key not in wl[name]:
                        errors.append(f"{where}: workload '{name}' takes no key '{key}'")
            for sig in re.findall(r"`([A-Za-z_][\w.]*)`", line):
                leaf = sig.split(".")[-1]
                rtlish = sig.startswith(("u_", "dfi_", "HBM_")) or re.search(r"_(i|o|q)$", leaf)
                if rtlish and not re.match(r"^HBM_(PUSH|CAUSE|Q|QF|EV|CMD|TC|REL|OPTS|LAT|MAX|DP|ERR|FCOV)", sig) \
                        and any(part not in names for part in sig.split(".")):
                    errors.append(f"{where}: RTL name '{sig}' is in no Verilog file")
    errors += quoted_tables()
    for e in errors:
        print("docs-check:", e)
    print(f"docs-check: {len(DOCS)} documents, {len(errors)} stale names")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
