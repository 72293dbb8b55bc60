"""Conformance of `taipan explain ast -a` with `python3.13 -m ast -a`.

    tools/ref.sh tools/conformance/ast.py [--check] [--release-bin PATH] [--files F ...]
                                          [--show N]

Over every .py file of the reference's Lib (site-packages excluded, Lib/test included),
runs `taipan explain ast -a FILE` and compares with what `python -m ast -a FILE` prints,
produced in-process: `ast.dump(ast.parse(src, FILE, type_comments=True),
include_attributes=True, indent=3)`, plus the SyntaxWarnings `compile()` emits on stderr.

For files CPython parses, stdout, stderr and exit status must be identical. For files it
rejects (`-m ast` prints a traceback whose frames name the reference's own Lib), only the
exception line (`Type: message`) and the `File "…", line N` line must match.

Prints `ast: N/M identical (P%)` over the files CPython parses, the rejected-files
figure, and the differing files. With `--check`, exits 1 when P drops below
tests/conformance/thresholds/ast.txt, or when any file CPython rejects is not rejected
with the same error.
"""
import os
import sys

# This file is named ast.py: keep its own directory off the path so `import ast` finds
# the standard library's module.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import argparse  # noqa: E402
import ast  # noqa: E402
import io  # noqa: E402
import multiprocessing  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sysconfig  # noqa: E402
import warnings  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
THRESHOLD = os.path.join(ROOT, "tests", "conformance", "thresholds", "ast.txt")


def lib_files():
    lib = sysconfig.get_path("stdlib")
    out = []
    for d, dirs, files in os.walk(lib):
        dirs[:] = sorted(x for x in dirs if x != "site-packages")
        out.extend(os.path.join(d, f) for f in sorted(files) if f.endswith(".py"))
    return sorted(out)


def expected(path):
    """(accepted, stdout, stderr, status) of `python -m ast -a path`; for rejected files
    stderr is the `File` line plus the exception line."""
    err = io.StringIO()

    def show(message, category, filename, lineno, file=None, line=None):
        err.write(warnings.formatwarning(message, category, filename, lineno, line))

    with open(path, "rb") as f:
        source = f.read()
    saved = warnings.showwarning
    warnings.showwarning = show
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = show
            tree = ast.parse(source, path, "exec", type_comments=True)
    except SyntaxError as e:
        return False, b"", ("  File \"%s\", line %s\n%s: %s\n" % (e.filename, e.lineno, type(e).__name__, e.msg)).encode(), 1
    except (MemoryError, RecursionError, ValueError) as e:
        return False, b"", ("%s: %s\n" % (type(e).__name__, e)).encode(), 1
    finally:
        warnings.showwarning = saved
    try:
        out = ast.dump(tree, include_attributes=True, indent=3) + "\n"
    except (RecursionError, ValueError) as e:
        return False, b"", ("%s: %s\n" % (type(e).__name__, e)).encode(), 1
    return True, out.encode("utf-8", "surrogateescape"), err.getvalue().encode("utf-8", "surrogateescape"), 0


FILE_LINE = re.compile(rb'^  File "(.*)", line (\d+)$')


def error_summary(stderr):
    """The last `File` line and the exception line of a traceback."""
    lines = stderr.splitlines()
    if not lines:
        return b""
    file_line = b""
    for ln in lines:
        if FILE_LINE.match(ln) and not ln.startswith(b'  File "<'):
            file_line = ln
    last = lines[-1]
    if last.startswith((b"MemoryError", b"RecursionError", b"ValueError")):
        return last + b"\n"
    return file_line + b"\n" + last + b"\n"


def check_one(job):
    path, binary = job
    accepted, out, err, status = expected(path)
    try:
        p = subprocess.run([binary, "explain", "ast", "-a", path], capture_output=True, timeout=120)
        got = (p.stdout, p.stderr, p.returncode)
    except subprocess.TimeoutExpired:
        got = (b"", b"timeout", -1)
    if accepted:
        if got == (out, err, status):
            return path, accepted, None
        what = [n for n, a, b in zip(("stdout", "stderr", "status"), got, (out, err, status)) if a != b]
        detail = ""
        if "stdout" in what:
            gl, el = got[0].splitlines(), out.splitlines()
            for i, (a, b) in enumerate(zip(gl + [b"<eof>"] * len(el), el + [b"<eof>"] * len(gl))):
                if a != b:
                    detail = "line %d: got %r expected %r" % (i + 1, a[:200], b[:200])
                    break
        elif "stderr" in what:
            detail = "stderr: got %r expected %r" % (got[1][-300:], err[-300:])
        else:
            detail = "status: got %r expected %r" % (got[2], status)
        return path, accepted, "%s (%s)" % (", ".join(what), detail)
    summary = error_summary(got[1])
    if got[2] == status and summary == err:
        return path, accepted, None
    return path, accepted, "rejected: got %r expected %r" % (summary[-300:], err[-300:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--release-bin")
    ap.add_argument("--files", nargs="*")
    ap.add_argument("--show", type=int, default=50, help="differing files to list")
    args = ap.parse_args()
    binary = args.release_bin or os.environ.get("TAIPAN") or os.path.join(
        os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "release", "taipan")
    if not os.path.exists(binary):
        sys.exit("ast.py: no binary at %s (cargo build --release, or --release-bin)" % binary)
    files = args.files or lib_files()
    with multiprocessing.Pool(2) as pool:
        res = pool.map(check_one, [(f, binary) for f in files], chunksize=4)
    acc = [r for r in res if r[1]]
    rej = [r for r in res if not r[1]]
    n_ok = sum(1 for r in acc if r[2] is None)
    pct = 100.0 * n_ok / len(acc) if acc else 0.0
    print("ast: %d/%d identical (%.2f%%)" % (n_ok, len(acc), pct))
    n_rej_ok = sum(1 for r in rej if r[2] is None)
    print("ast (files CPython rejects): %d/%d same error" % (n_rej_ok, len(rej)))
    bad = [r for r in res if r[2]]
    for p, _, d in bad[: args.show]:
        print("  DIFF %s: %s" % (p, d))
    if args.check:
        with open(THRESHOLD) as f:
            threshold = float(f.read().split()[0])
        if pct < threshold:
            print("ast: below threshold %.2f%%" % threshold)
            sys.exit(1)
        if n_rej_ok < len(rej):
            print("ast: a file CPython rejects is not rejected with the same error")
            sys.exit(1)


if __name__ == "__main__":
    main()
