"""Marshal/.pyc conformance: taipan loads CPython's .pyc files and writes them back.

    tools/ref.sh tools/conformance/marshal.py           # print the figures
    tools/ref.sh tools/conformance/marshal.py --check   # also fail below the thresholds
    tools/ref.sh tools/conformance/marshal.py -v        # list the failures

For every .py under the reference's Lib (site-packages excluded) that CPython compiles, the
reference makes its own .pyc bytes in-process (`_code_to_timestamp_pyc(compile(src, path,
'exec'), mtime, size)` — every third file a checked or unchecked hash-based one,
`_code_to_hash_pyc(code, importlib.util.source_hash(src), checked)`, whose hash taipan must
compute equally — written to a temporary directory, never into Lib), taipan's
`pyc-roundtrip` loads and re-dumps it, and the reference checks that `marshal.loads` of
taipan's output equals the original code object recursively on every co_* attribute (types
of constants and the interned state of strings included), and counts byte-identical files.
taipan also decodes every co_linetable and co_exceptiontable (they must re-encode to the same
bytes), and its decoded positions, lines and exception entries of every code object are
compared with the reference's co_positions(), co_lines() and dis._parse_exception_table
(a separate figure: `tables: N/M equal`; threshold `tables P`). --no-tables skips that.
Thresholds: tests/conformance/thresholds/marshal.txt (`round-trip P` and `byte-identical P`).
"""
import dis
import marshal
import multiprocessing
import os
import subprocess
import sys
import sysconfig
import tempfile
from importlib._bootstrap_external import _code_to_hash_pyc, _code_to_timestamp_pyc
from importlib.util import source_hash

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
THRESHOLDS = os.path.join(ROOT, "tests", "conformance", "thresholds", "marshal.txt")
WORKERS = 2
CODE_ATTRS = ["co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_stacksize",
              "co_flags", "co_code", "co_names", "co_varnames", "co_cellvars", "co_freevars",
              "co_nlocals", "co_filename", "co_name", "co_qualname", "co_firstlineno",
              "co_linetable", "co_exceptiontable"]


def find_tool():
    """The pyc-roundtrip binary, (re)built by cargo so that it is never stale."""
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "taipan-bytecode",
                    "--bin", "pyc-roundtrip"], cwd=ROOT, check=True)
    return os.path.join(target, "release", "pyc-roundtrip")


def lib_files():
    lib = sysconfig.get_paths()["stdlib"]
    out = []
    for dirpath, dirnames, filenames in os.walk(lib):
        dirnames[:] = sorted(d for d in dirnames if d != "site-packages")
        out.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    return out


def diff_str(a, b, where):
    if a != b:
        return f"{where}: {a!r} != {b!r}"
    if sys._is_interned(a) != sys._is_interned(b):
        return f"{where}: interned {sys._is_interned(a)} != {sys._is_interned(b)} for {a!r}"
    return None


def diff_const(a, b, where):
    if type(a) is not type(b):
        return f"{where}: type {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, type(diff_const.__code__)):
        return diff_code(a, b, where)
    if isinstance(a, tuple):
        if len(a) != len(b):
            return f"{where}: tuple length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff_const(x, y, f"{where}[{i}]")
            if d:
                return d
        return None
    if isinstance(a, frozenset):
        ka = sorted(marshal.dumps(x) for x in a)
        kb = sorted(marshal.dumps(x) for x in b)
        return None if ka == kb else f"{where}: frozenset {a!r} != {b!r}"
    if isinstance(a, str):
        return diff_str(a, b, where)
    if isinstance(a, (float, complex)):
        return None if repr(a) == repr(b) else f"{where}: {a!r} != {b!r}"
    return None if a == b else f"{where}: {a!r} != {b!r}"


def diff_code(a, b, where="<module>"):
    where = f"{where}/{a.co_qualname}"
    for attr in CODE_ATTRS:
        x, y = getattr(a, attr), getattr(b, attr)
        if x != y or type(x) is not type(y):
            return f"{where}.{attr}: {x!r} != {y!r}"
    for attr in ["co_names", "co_varnames", "co_cellvars", "co_freevars"]:
        for i, (x, y) in enumerate(zip(getattr(a, attr), getattr(b, attr))):
            d = diff_str(x, y, f"{where}.{attr}[{i}]")
            if d:
                return d
    for attr in ["co_filename", "co_name", "co_qualname"]:
        d = diff_str(getattr(a, attr), getattr(b, attr), f"{where}.{attr}")
        if d:
            return d
    # co_localsplusnames in order (the kinds follow from varnames/cellvars/freevars above).
    n = len(a.co_varnames) + len(a.co_cellvars) + len(a.co_freevars)
    for i in range(n):
        try:
            x, y = a._varname_from_oparg(i), b._varname_from_oparg(i)
        except (IndexError, ValueError):
            break
        if x != y:
            return f"{where} localsplusnames[{i}]: {x!r} != {y!r}"
    if len(a.co_consts) != len(b.co_consts):
        return f"{where}.co_consts: length {len(a.co_consts)} != {len(b.co_consts)}"
    for i, (x, y) in enumerate(zip(a.co_consts, b.co_consts)):
        d = diff_const(x, y, f"{where}.co_consts[{i}]")
        if d:
            return d
    return None


def fmt(v):
    return "-" if v is None else str(v)


def tables_txt(code):
    """The same text as pyc-roundtrip's TABLES output (and tools/gen_bytecode_golden.py)."""
    lines = []

    def walk(co):
        lines.append(f"code {co.co_qualname} firstlineno={co.co_firstlineno}")
        lines.append("positions " + " ".join(",".join(map(fmt, p)) for p in co.co_positions()))
        lines.append("lines " + " ".join(f"{s}-{e}:{fmt(l)}" for s, e, l in co.co_lines()))
        lines.append("exceptions " + " ".join(
            f"{e.start}-{e.end}>{e.target}:{e.depth}{'L' if e.lasti else ''}"
            for e in dis._parse_exception_table(co)))
        for c in co.co_consts:
            if isinstance(c, type(code)):
                walk(c)

    walk(code)
    return "\n".join(lines) + "\n"


def work(args):
    tool, paths, with_tables = args
    results = []
    tmp = tempfile.mkdtemp(prefix="taipan-marshal-")
    proc = subprocess.Popen([tool, "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, bufsize=1)
    try:
        for k, path in enumerate(paths):
            try:
                with open(path, "rb") as f:
                    src = f.read()
                code = compile(src, path, "exec", dont_inherit=True)
            except (SyntaxError, ValueError, UnicodeDecodeError):
                results.append((path, "skip", None))
                continue
            st = os.stat(path)
            if k % 3 == 0:
                data = bytes(_code_to_timestamp_pyc(code, int(st.st_mtime) & 0xFFFFFFFF,
                                                    st.st_size & 0xFFFFFFFF))
            else:
                data = bytes(_code_to_hash_pyc(code, source_hash(src), checked=k % 3 == 1))
            pin = os.path.join(tmp, f"{k}.pyc")
            pout = os.path.join(tmp, f"{k}.out.pyc")
            ptab = os.path.join(tmp, f"{k}.tables") if with_tables else ""
            with open(pin, "wb") as f:
                f.write(data)
            proc.stdin.write(f"{pin}\t{pout}\t{ptab}\t{path}\n")
            proc.stdin.flush()
            answer = proc.stdout.readline().strip()
            if answer != "ok":
                results.append((path, "fail", answer or "pyc-roundtrip died"))
                if not answer:
                    break
                continue
            with open(pout, "rb") as f:
                out = f.read()
            os.unlink(pin)
            os.unlink(pout)
            tables = None
            if with_tables:
                with open(ptab, encoding="utf-8", errors="surrogateescape") as f:
                    ours = f.read()
                os.unlink(ptab)
                theirs = tables_txt(code)
                tables = ours == theirs
                if not tables:
                    for n, (a, b) in enumerate(zip(ours.splitlines(), theirs.splitlines())):
                        if a != b:
                            tables = f"line {n + 1}: {a[:200]!r} != {b[:200]!r}"
                            break
                    else:
                        tables = "different number of lines"
            if out[:16] != data[:16]:
                results.append((path, "fail", f"header {out[:16].hex()} != {data[:16].hex()}"))
                continue
            try:
                back = marshal.loads(out[16:])
            except Exception as e:
                results.append((path, "fail", f"marshal.loads: {type(e).__name__}: {e}"))
                continue
            d = diff_const(code, back, "")
            if d:
                results.append((path, "fail", d))
            else:
                results.append((path, "identical" if out == data else "equal", None))
            if tables is not None:
                results.append((path, "tables", tables))
    finally:
        proc.stdin.close()
        proc.wait()
        try:
            os.rmdir(tmp)
        except OSError:
            pass
    return results


def read_thresholds():
    t = {}
    with open(THRESHOLDS) as f:
        for line in f:
            line = line.split("#")[0].strip()
            if line:
                key, value = line.rsplit(None, 1)
                t[key] = float(value)
    return t


def main():
    check = "--check" in sys.argv
    verbose = "-v" in sys.argv
    with_tables = "--no-tables" not in sys.argv
    tool = find_tool()
    files = lib_files()
    chunks = [(tool, files[i::WORKERS * 8], with_tables) for i in range(WORKERS * 8)]
    results = []
    with multiprocessing.Pool(WORKERS) as pool:
        for part in pool.imap_unordered(work, chunks):
            results.extend(part)
    tables = [(p, d) for p, status, d in results if status == "tables"]
    results = [r for r in results if r[1] != "tables"]
    total = sum(1 for _, status, _ in results if status != "skip")
    equal = sum(1 for _, status, _ in results if status in ("equal", "identical"))
    identical = sum(1 for _, status, _ in results if status == "identical")
    rt = 100.0 * equal / total if total else 0.0
    bi = 100.0 * identical / total if total else 0.0
    if verbose:
        for path, status, detail in sorted(results):
            if status == "fail":
                print(f"FAIL {path}: {detail}")
            elif status == "equal":
                print(f"NOT BYTE-IDENTICAL {path}")
    print(f"marshal: {equal}/{total} round-trip equal ({rt:.1f}%)")
    print(f"marshal: {identical}/{total} byte-identical ({bi:.1f}%)")
    tb = 100.0
    if with_tables:
        good = sum(1 for _, d in tables if d is True)
        tb = 100.0 * good / len(tables) if tables else 0.0
        if verbose:
            for p, d in sorted(tables):
                if d is not True:
                    print(f"TABLES {p}: {d}")
        print(f"tables: {good}/{len(tables)} equal (co_positions, co_lines, exception table)")
    if check:
        t = read_thresholds()
        # Compare the figures as printed (one decimal), which is what the thresholds record.
        ok = (round(rt, 1) >= t.get("round-trip", 0) and round(bi, 1) >= t.get("byte-identical", 0)
              and round(tb, 1) >= t.get("tables", 0))
        if not ok:
            print(f"marshal: below threshold {t}", file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
