"""Conformance of taipan's symbol table with CPython 3.13's (Python/symtable.c).

    tools/ref.sh tools/conformance/symtable.py [--check] [--release-bin PATH]
                                               [--files F ...] [--show N]

For every .py file of the reference's Lib (site-packages excluded) that CPython compiles,
runs the hidden `taipan explain symtable FILE` and compares it with the raw symbol table
the reference builds in-process, `_symtable.symtable(source, FILE, 'exec')`, printed the
same way: per block (recursively through `children`) its type, name, lineno and nested
flag, its varnames in order, and its symbols (name and flag integer: DEF_* bits plus the
scope at SCOPE_OFFSET) sorted by name — CPython's own dict order of free names passed
through a block comes from iterating a set, so it is not compared.

`_symtable` does not expose the flags codegen relies on (ste_generator, ste_coroutine,
ste_varargs/varkeywords, ste_nested, ste_needs_class_closure/needs_classdict,
ste_comp_inlined), so a second figure compares them through what CPython compiles:
`taipan explain symtable --code FILE` lists the code object each block becomes (name,
line, the co_flags bits compile.c derives from the entry, implicit class cells), which
must include every code object of `compile(source, FILE, 'exec')` (inlined
comprehensions have none; code in unreachable blocks is dropped by CPython's optimizer).

Also checks the symtable errors of tests/compile_errors/*.py: for each case whose
reference `_symtable.symtable()` raises, taipan must print the same
`SyntaxError: MSG (LINENO, OFFSET, END_LINENO, END_OFFSET)`.

Prints `symtable: N/M identical (P%)`, `symtable flags: N/M identical` and `symtable errors: N/M identical`; with
`--check`, exits 1 when P drops below tests/conformance/thresholds/symtable.txt.
"""
import os
import sys

sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import _symtable  # noqa: E402
import ast  # noqa: E402
import collections  # noqa: E402
import argparse  # noqa: E402
import multiprocessing  # noqa: E402
import subprocess  # noqa: E402
import sysconfig  # noqa: E402
import warnings  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
THRESHOLD = os.path.join(ROOT, "tests", "conformance", "thresholds", "symtable.txt")
ERRORS = os.path.join(ROOT, "tests", "compile_errors")


def lib_files():
    lib = sysconfig.get_path("stdlib")
    out = []
    for d, dirs, files in os.walk(lib):
        dirs[:] = sorted(x for x in dirs if x != "site-packages")
        out.extend(os.path.join(d, f) for f in sorted(files) if f.endswith(".py"))
    return sorted(out)


def dump(entry, indent, out):
    pad = " " * indent
    out.append("%sblock %d %s line %d nested %d" % (pad, entry.type, entry.name, entry.lineno, entry.nested))
    out.append("%s  varnames %s" % (pad, " ".join(entry.varnames)))
    for name, flags in sorted(entry.symbols.items()):
        out.append("%s  sym %s %d" % (pad, name, flags))
    for c in entry.children:
        dump(c, indent + 2, out)


def error_line(e):
    return "%s: %s (%s, %s, %s, %s)\n" % (type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)


def expected(path, require_compile):
    """The reference's text, or None when CPython does not compile the file."""
    with open(path, "rb") as f:
        source = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if require_compile:
            try:
                compile(source, path, "exec")
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                return None
        try:
            top = _symtable.symtable(source, path, "exec")
        except SyntaxError as e:
            return error_line(e)
        except RecursionError as e:
            return "RecursionError: %s\n" % e
    out = []
    dump(top, 0, out)
    return "\n".join(out) + "\n"


FLAG_MASK = 0x2BF  # OPTIMIZED NEWLOCALS VARARGS VARKEYWORDS NESTED GENERATOR COROUTINE ASYNC_GENERATOR


def expected_code(path):
    """`code NAME LINE FLAGS CELLS` for every code object compile() makes, sorted."""
    with open(path, "rb") as f:
        source = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tree = ast.parse(source, path)
            top = compile(source, path, "exec")
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return None
    # co_firstlineno of a decorated def/class (and of its type-parameter scope) is its
    # first decorator's line; the symbol table records the statement's.
    decorated = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.decorator_list:
            first = node.decorator_list[0].lineno
            decorated[(node.name, first)] = node.lineno
            decorated[("<generic parameters of %s>" % node.name, first)] = node.lineno
    out = []

    def walk(co, is_module):
        line = 0 if is_module else decorated.get((co.co_name, co.co_firstlineno), co.co_firstlineno)
        is_class = not is_module and not co.co_flags & 1
        cells = [c for c in ("__class__", "__classdict__") if is_class and c in co.co_cellvars]
        out.append("code %s %d %d %s" % (co.co_name, line, co.co_flags & FLAG_MASK, ",".join(cells)))
        for c in co.co_consts:
            if isinstance(c, type(co)):
                walk(c, False)

    walk(top, True)
    return "\n".join(sorted(out)) + "\n"


def check_code(job):
    path, binary = job
    want = expected_code(path)
    if want is None:
        return path, None, "skipped"
    p = subprocess.run([binary, "explain", "symtable", "--code", path], capture_output=True, timeout=120)
    got = p.stdout.decode("utf-8", "surrogateescape")
    # Code objects in unreachable code are dropped with the unused constants by CPython's
    # flowgraph, so taipan may list more; every one CPython makes must be there.
    g, w = collections.Counter(got.splitlines()), collections.Counter(want.splitlines())
    if not w - g:
        return path, want, None
    return path, want, "flags: only taipan %r; only CPython %r" % (sorted(g - w)[:3], sorted(w - g)[:3])


def check_one(job):
    path, binary, require_compile = job
    want = expected(path, require_compile)
    if want is None:
        return path, None, "skipped"
    try:
        p = subprocess.run([binary, "explain", "symtable", path], capture_output=True, timeout=120)
        got = p.stdout.decode("utf-8", "surrogateescape")
    except subprocess.TimeoutExpired:
        got = "timeout"
    if got == want:
        return path, want, None
    gl, wl = got.splitlines(), want.splitlines()
    for i, (a, b) in enumerate(zip(gl + ["<eof>"] * len(wl), wl + ["<eof>"] * len(gl))):
        if a != b:
            return path, want, "line %d: got %r expected %r%s" % (
                i + 1, a[:200], b[:200], "" if p.returncode in (0, 1) else " (status %s: %r)" % (p.returncode, p.stderr[-300:]))
    return path, want, "differs"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--release-bin")
    ap.add_argument("--files", nargs="*")
    ap.add_argument("--show", type=int, default=40, help="differing files to list")
    args = ap.parse_args()
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    binary = args.release_bin or os.environ.get("TAIPAN") or os.path.join(target, "release", "taipan")
    if not os.path.exists(binary):
        sys.exit("symtable.py: no binary at %s (cargo build --release, or --release-bin)" % binary)
    files = args.files or lib_files()
    err_files = [] if args.files else sorted(
        os.path.join(ERRORS, f) for f in os.listdir(ERRORS) if f.endswith(".py"))
    with multiprocessing.Pool(2) as pool:
        res = pool.map(check_one, [(f, binary, True) for f in files], chunksize=4)
        eres = pool.map(check_one, [(f, binary, False) for f in err_files], chunksize=4)
        cres = pool.map(check_code, [(f, binary) for f in files], chunksize=4)
    res = [r for r in res if r[2] != "skipped"]
    n_ok = sum(1 for r in res if r[2] is None)
    pct = 100.0 * n_ok / len(res) if res else 0.0
    print("symtable: %d/%d identical (%.2f%%)" % (n_ok, len(res), pct))
    cres = [r for r in cres if r[2] != "skipped"]
    c_ok = sum(1 for r in cres if r[2] is None)
    print("symtable flags: %d/%d identical" % (c_ok, len(cres)))
    # Compile-error cases whose reference symtable raises: the symtable's own errors.
    sym_err = [r for r in eres if r[1] and r[1].startswith("SyntaxError: ")]
    print("symtable errors (tests/compile_errors): %d/%d identical" % (
        sum(1 for r in sym_err if r[2] is None), len(sym_err)))
    # The other compile-error cases must build a table (their error comes later).
    others = [r for r in eres if r[1] and not r[1].startswith("SyntaxError: ")]
    print("compile_errors cases with no symtable error: %d/%d identical" % (
        sum(1 for r in others if r[2] is None), len(others)))
    bad = [r for r in res + cres + sym_err + others if r[2]]
    for p, _, d in bad[: args.show]:
        print("  DIFF %s: %s" % (p, d))
    if args.check:
        with open(THRESHOLD) as f:
            threshold = float(f.read().split()[0])
        if pct < threshold or c_ok < len(cres):
            print("symtable: below threshold %.2f%%" % threshold)
            sys.exit(1)


if __name__ == "__main__":
    main()
