"""Conformance of taipan's code generator with CPython 3.13's.

    tools/ref.sh tools/conformance/codegen.py [--check] [--bin PATH] [--files F ...] [--show N]

For every .py file of the reference's Lib (site-packages excluded) that CPython compiles,
compares `taipan explain codegen [-OO] FILE` with the reference's own codegen stage,
`_testinternalcapi.compiler_codegen(ast.parse(src), FILE, optimize, 0)`, rendered in the
same text form (see crates/taipan/src/explain/codegen.rs): the top unit's metadata and the
instruction sequences of every code unit, recursively, with locations and jump targets.

Prints `codegen: N/M identical (P%)` at -O0 and at -OO, and the most frequent first
differing instructions. With --check, exits 1 when the -O0 figure drops below
tests/conformance/thresholds/codegen.txt.
"""
import os
import sys

# tools/conformance holds an ast.py: keep that directory off the path so `import ast`
# finds the standard library's module.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import argparse  # noqa: E402
import ast  # noqa: E402
import collections
import multiprocessing  # noqa: E402
import struct  # noqa: E402
import subprocess  # noqa: E402
import sysconfig  # noqa: E402
import warnings  # noqa: E402

import _testinternalcapi  # noqa: E402
import opcode  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
THRESHOLD = os.path.join(ROOT, "tests", "conformance", "thresholds", "codegen.txt")
OPNAMES = {v: k for k, v in opcode.opmap.items()}


def lib_files():
    lib = sysconfig.get_path("stdlib")
    out = []
    for d, dirs, files in os.walk(lib):
        dirs[:] = sorted(x for x in dirs if x != "site-packages")
        out.extend(os.path.join(d, f) for f in sorted(files) if f.endswith(".py"))
    return sorted(out)


def esc(s):
    out = []
    for ch in s:
        cp = ord(ch)
        out.append(ch if 0x20 <= cp < 0x7F and ch != "\\" else "\\u{%x}" % cp)
    return "".join(out)


def canon(v):
    if v is None:
        return "None"
    if v is Ellipsis:
        return "..."
    if v is True or v is False:
        return str(v)
    t = type(v)
    if t is int:
        return "i:%d" % v
    if t is float:
        return "f:" + struct.pack(">d", v).hex()
    if t is complex:
        return "c:%s:%s" % (struct.pack(">d", v.real).hex(), struct.pack(">d", v.imag).hex())
    if t is str:
        return "s:'" + esc(v) + "'"
    if t is bytes:
        return "b:" + v.hex()
    if t is tuple:
        return "(" + ",".join(canon(x) for x in v) + ")"
    if t is frozenset:
        return "{" + ",".join(sorted(canon(x) for x in v)) + "}"
    if t.__name__ == "code":
        return "<code " + esc(v.co_name) + ">"
    return "?" + t.__name__


def key_value(k):
    """The constant behind a `_PyCode_ConstantKey` key."""
    if type(k) is tuple:
        if len(k) in (2, 3) and isinstance(k[0], type):
            return k[1]
        if len(k) == 2 and type(k[0]) in (tuple, frozenset):
            # (keys of the items, the tuple or frozenset itself)
            return k[1]
    return k


def render(insts, meta):
    out = ["name " + esc(meta["name"])]
    consts = sorted(meta["consts"].items(), key=lambda kv: kv[1])
    out.append("consts" + "".join(" " + canon(key_value(k)) for k, _ in consts))
    for field in ("names", "varnames", "cellvars", "freevars"):
        items = sorted(meta[field].items(), key=lambda kv: kv[1])
        out.append(field + "".join(" " + esc(k) for k, _ in items))
    out.append("argcount %d %d %d" % (meta["argcount"], meta["posonlyargcount"], meta["kwonlyargcount"]))

    def unit(seq, indent):
        for i, (op, arg, l1, l2, c1, c2) in enumerate(seq.get_instructions()):
            out.append("%s%d %d %s %d %d %d %d" % (indent, i, op, arg, l1, l2, c1, c2))
        for n in seq.get_nested():
            out.append(indent + "    unit")
            unit(n, indent + "    ")

    unit(insts, "")
    return "\n".join(out) + "\n"


def expected(path, optimize):
    with open(path, "rb") as f:
        source = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, path, "exec", optimize=optimize)
            tree = ast.parse(source, path)
            insts, meta = _testinternalcapi.compiler_codegen(tree, path, optimize, 0)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
    return render(insts, meta)


def check_one(job):
    path, binary, optimize = job
    exp = expected(path, optimize)
    if exp is None:
        return path, None, None
    cmd = [binary, "explain", "codegen"] + (["-OO"] if optimize == 2 else []) + [path]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=60)
        got = p.stdout.decode("utf-8", "replace")
        if p.returncode < 0 or (p.returncode and not got):
            got = "crash %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace")[-300:])
    except subprocess.TimeoutExpired:
        got = "timeout"
    if got == exp:
        return path, True, None
    gl, el = got.splitlines(), exp.splitlines()
    for i in range(max(len(gl), len(el))):
        a = gl[i] if i < len(gl) else "<eof>"
        b = el[i] if i < len(el) else "<eof>"
        if a != b:
            return path, False, (i + 1, a[:160], b[:160])
    return path, False, (0, "", "")


def describe(line):
    parts = line.split()
    if len(parts) >= 3 and parts[1].isdigit():
        op = int(parts[1])
        return OPNAMES.get(op, str(op))
    return parts[0] if parts else line


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--bin")
    ap.add_argument("--files", nargs="*")
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--opt", type=int, choices=(0, 2), action="append")
    args = ap.parse_args()
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    binary = args.bin or os.environ.get("TAIPAN")
    if not binary:
        for kind in ("release", "debug"):
            cand = os.path.join(target, kind, "taipan")
            if os.path.exists(cand):
                binary = cand
                break
    if not binary or not os.path.exists(binary):
        sys.exit("codegen.py: no taipan binary (cargo build, or --bin)")
    files = args.files or lib_files()
    figures = {}
    for optimize in args.opt or (0, 2):
        with multiprocessing.Pool(2) as pool:
            res = pool.map(check_one, [(f, binary, optimize) for f in files], chunksize=4)
        res = [r for r in res if r[1] is not None]
        ok = sum(1 for r in res if r[1])
        pct = 100.0 * ok / len(res) if res else 0.0
        figures[optimize] = pct
        print("codegen%s: %d/%d identical (%.2f%%)" % (" -OO" if optimize else "", ok, len(res), pct))
        bad = [r for r in res if not r[1]]
        counts = collections.Counter()
        for _, _, (ln, a, b) in bad:
            counts["got %s / expected %s" % (describe(a), describe(b))] += 1
        for what, n in counts.most_common(args.show):
            print("   %5d  %s" % (n, what))
        for p, _, (ln, a, b) in bad[: args.show]:
            print("  DIFF %s line %d:\n      got %s\n      exp %s" % (p, ln, a, b))
    if args.check:
        with open(THRESHOLD) as f:
            threshold = float(f.read().split()[0])
        if figures.get(0, 0.0) < threshold:
            print("codegen: below threshold %.2f%%" % threshold)
            sys.exit(1)


if __name__ == "__main__":
    main()
