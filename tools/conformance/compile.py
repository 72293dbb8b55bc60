"""End-to-end conformance of `taipan compile` with CPython 3.13's compiler.

    tools/ref.sh tools/conformance/compile.py [--check] [--bin PATH] [--files F ...] [--show N]

For every .py file of the reference's Lib that CPython compiles, at -O0, -O and -OO: taipan
compiles it (`taipan compile [-O|-OO] -d DIR FILE…`), the reference loads taipan's .pyc and
compares its code object, every co_* attribute recursively (co_code, co_consts with their
types, names, localsplus names and kinds, qualname, flags, stacksize, firstlineno,
linetable, exceptiontable), with its own `compile(source, path, 'exec', optimize=…)`.

Prints `compile: N/M identical (P%)` per optimization level and the differing files. With
`--check`, exits 1 when a level's figure drops below tests/conformance/thresholds/compile.txt.
"""
import os
import sys

sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import marshal  # noqa: E402
import multiprocessing  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import warnings  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
THRESHOLD = os.path.join(ROOT, "tests", "conformance", "thresholds", "compile.txt")

_spec = importlib.util.spec_from_file_location("_assemble_runner", os.path.join(HERE, "assemble.py"))
_asm = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_asm)
lib_files, diff_code = _asm.lib_files, _asm.diff_code


def run_batch(args):
    files, optimize, binary = args
    expected = {}
    for path in files:
        try:
            with open(path, "rb") as f:
                source = f.read()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                expected[path] = compile(source, path, "exec", dont_inherit=True, optimize=optimize)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            pass
    todo = [p for p in files if p in expected]
    if not todo:
        return []
    res = []
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [binary, "compile"] + {0: [], 1: ["-O"], 2: ["-OO"]}[optimize] + ["-d", tmp] + todo
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=900)
            err = p.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            err = "timeout"
        for path in todo:
            out = os.path.join(tmp, path.lstrip("/") + "c")
            try:
                with open(out, "rb") as f:
                    data = f.read()
                got = marshal.loads(data[16:])
            except (OSError, ValueError, EOFError, TypeError) as e:
                line = [ln for ln in err.splitlines() if path in ln][:1]
                res.append((path, optimize, "no .pyc (%s) %s" % (type(e).__name__, line[0] if line else err[-200:])))
                continue
            res.append((path, optimize, diff_code(got, expected[path])))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--bin", default=os.environ.get("TAIPAN") or os.path.join(
        os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "release", "taipan"))
    ap.add_argument("--files", nargs="*")
    ap.add_argument("--show", type=int, default=10)
    a = ap.parse_args()
    files = a.files or lib_files()
    batches = [(files[i:i + 64], o, a.bin) for o in (0, 1, 2) for i in range(0, len(files), 64)]
    with multiprocessing.Pool(2) as pool:
        results = [r for rs in pool.imap_unordered(run_batch, batches) for r in rs]
    figures = {}
    for opt in (0, 1, 2):
        rs = sorted(r for r in results if r[1] == opt)
        ok = sum(1 for r in rs if r[2] is None)
        pct = 100.0 * ok / len(rs) if rs else 0.0
        figures[opt] = pct
        print("compile%s: %d/%d identical (%.2f%%)" % ({0: "", 1: " -O", 2: " -OO"}[opt], ok, len(rs), pct))
        for path, _o, d in [r for r in rs if r[2] is not None][:a.show]:
            print("  %s: %s" % (path, d[:400]))
    if a.check:
        with open(THRESHOLD) as f:
            threshold = float(f.read().split()[0])
        low = [opt for opt in figures if figures[opt] < threshold]
        for opt in low:
            print("compile%s: %.2f%% is below the threshold %.2f%%" % ({0: "", 1: " -O", 2: " -OO"}[opt], figures[opt], threshold))
        if low:
            sys.exit(1)


if __name__ == "__main__":
    main()
