"""Conformance of taipan's flow-graph optimizer and assembler, tested alone.

    tools/ref.sh tools/conformance/assemble.py [--check] [--bin PATH] [--files F ...] [--show N]

For every .py file of the reference's Lib that CPython compiles, at -O0 and -OO: the
reference's own code generation (`_testinternalcapi.compiler_codegen(ast.parse(src),
path, optimize, 0)`: the module's instruction sequence and metadata) is written as marshal
data, `taipan explain assemble` runs taipan's optimizer and assembler on it (what CPython's
`optimize_and_assemble_code_unit` does), and the code object it returns is compared,
every co_* attribute recursively, with the reference's `compile(src, path, 'exec',
optimize=…)`.

compiler_codegen exposes the metadata (constants, names, …) of the module's unit only;
its nested units come as instruction sequences without their constants. So the module's
code object is assembled by taipan and its nested code objects are the reference's own
(from the metadata's constants); nested units are compared end to end by
tools/conformance/compile.py.

Prints `assemble: N/M identical (P%)` per optimization level and the differing files. With
`--check`, exits 1 when the -O0 figure drops below tests/conformance/thresholds/assemble.txt.
"""
import os
import sys

sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import argparse  # noqa: E402
import ast  # noqa: E402
import marshal  # noqa: E402
import multiprocessing  # noqa: E402
import subprocess  # noqa: E402
import sysconfig  # noqa: E402
import tempfile  # noqa: E402
import warnings  # noqa: E402

import _testinternalcapi  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
THRESHOLD = os.path.join(ROOT, "tests", "conformance", "thresholds", "assemble.txt")
CO_FAST_HIDDEN = 0x10


def lib_files():
    lib = sysconfig.get_path("stdlib")
    out = []
    for d, dirs, files in os.walk(lib):
        dirs[:] = sorted(x for x in dirs if x != "site-packages")
        out.extend(os.path.join(d, f) for f in sorted(files) if f.endswith(".py"))
    return sorted(out)


def ordered(d):
    return tuple(k for k, _ in sorted(d.items(), key=lambda kv: kv[1]))


def const_value(k):
    # consts_dict_keys_inorder: a tuple key is (…, value)
    return k[1] if type(k) is tuple else k


def unit_of(insts, meta, code):
    """The marshal form `taipan explain assemble` reads, for the module unit."""
    consts = [const_value(k) for k in ordered(meta["consts"])]
    instrs = tuple((op, 0 if arg is None else arg, l, el, c, ec) for op, arg, l, el, c, ec in insts.get_instructions())
    hidden = ()
    return (meta["name"], code.co_qualname, tuple(consts), ordered(meta["names"]), ordered(meta["varnames"]),
            ordered(meta["cellvars"]), ordered(meta["freevars"]), hidden, meta["argcount"],
            meta["posonlyargcount"], meta["kwonlyargcount"], code.co_firstlineno, code.co_flags, instrs, (), ())


FIELDS = ("co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals", "co_stacksize", "co_flags",
          "co_code", "co_names", "co_varnames", "co_cellvars", "co_freevars", "co_filename", "co_name",
          "co_qualname", "co_firstlineno", "co_linetable", "co_exceptiontable")


def same_const(a, b):
    if type(a) is not type(b):
        return False
    if type(a) is type(compile("", "", "exec")):
        return diff_code(a, b) is None
    if type(a) in (tuple, frozenset):
        if len(a) != len(b):
            return False
        if type(a) is frozenset:
            return sorted(map(repr, a)) == sorted(map(repr, b))
        return all(same_const(x, y) for x, y in zip(a, b))
    if type(a) in (float, complex):
        return repr(a) == repr(b)
    return a == b


def diff_code(got, exp, where=""):
    """None when equal, else a description of the first difference."""
    where = where + "/" + exp.co_qualname
    for f in FIELDS:
        if getattr(got, f) != getattr(exp, f):
            return "%s: %s got %r expected %r" % (where, f, getattr(got, f), getattr(exp, f))
    kinds_g, kinds_e = _testinternalcapi.get_co_localskinds(got) if hasattr(_testinternalcapi, "get_co_localskinds") else None, None
    if len(got.co_consts) != len(exp.co_consts):
        return "%s: co_consts got %r expected %r" % (where, got.co_consts, exp.co_consts)
    for i, (a, b) in enumerate(zip(got.co_consts, exp.co_consts)):
        if type(a) is type(exp) and type(b) is type(exp):
            d = diff_code(a, b, where)
            if d:
                return d
        elif not same_const(a, b):
            return "%s: co_consts[%d] got %r expected %r" % (where, i, a, b)
    return None


def prepare(job):
    """(path, optimize) → (path, optimize, unit or None, expected code or None)."""
    path, optimize = job
    try:
        with open(path, "rb") as f:
            source = f.read()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            code = compile(source, path, "exec", dont_inherit=True, optimize=optimize)
            insts, meta = _testinternalcapi.compiler_codegen(ast.parse(source, path), path, optimize, 0)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return (path, optimize, unit_of(insts, meta, code), code)


def run_batch(args):
    jobs, binary = args
    batch = [p for p in map(prepare, jobs) if p]
    units = tuple((path, unit) for path, _opt, unit, _code in batch)
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = os.path.join(tmp, "in"), os.path.join(tmp, "out")
        with open(inp, "wb") as f:
            marshal.dump(units, f)
        p = subprocess.run([binary, "explain", "assemble", inp, out], capture_output=True, timeout=600)
        if p.returncode != 0:
            return [(path, opt, "taipan failed: %r" % p.stderr[-300:]) for path, opt, _u, _c in batch]
        with open(out, "rb") as f:
            results = marshal.load(f)
    res = []
    for (path, opt, _unit, code), got in zip(batch, results):
        if isinstance(got, str):
            res.append((path, opt, "error: " + got))
        else:
            res.append((path, opt, diff_code(got, code)))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "debug", "taipan"))
    ap.add_argument("--files", nargs="*")
    ap.add_argument("--show", type=int, default=10)
    a = ap.parse_args()
    files = a.files or lib_files()
    jobs = [(f, o) for o in (0, 2) for f in files]
    batches = [(jobs[i:i + 48], a.bin) for i in range(0, len(jobs), 48)]
    with multiprocessing.Pool(2) as pool:
        results = [r for rs in pool.imap_unordered(run_batch, batches) for r in rs]
    figures = {}
    for opt in (0, 2):
        rs = [r for r in results if r[1] == opt]
        ok = sum(1 for r in rs if r[2] is None)
        pct = 100.0 * ok / len(rs) if rs else 0.0
        figures[opt] = pct
        print("assemble%s: %d/%d identical (%.2f%%)" % ("" if opt == 0 else " -OO", ok, len(rs), pct))
        for path, _o, d in [r for r in rs if r[2] is not None][:a.show]:
            print("  %s: %s" % (path, d[:400]))
    if a.check:
        with open(THRESHOLD) as f:
            threshold = float(f.read().split()[0])
        if figures[0] < threshold:
            print("assemble: %.2f%% is below the threshold %.2f%%" % (figures[0], threshold))
            sys.exit(1)


if __name__ == "__main__":
    main()
