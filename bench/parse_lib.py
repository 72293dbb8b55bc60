"""Front-end speed: tokenize + parse every .py file of the reference's Lib with taipan
and with the reference's `ast.parse`, in the same run, and print the ratio.

    tools/ref.sh bench/parse_lib.py [--bin PATH] [--repeat N]

taipan runs `taipan explain parse-bench FILE…` (a hidden subcommand that parses each
file and prints nothing) once over all files, so process start-up is paid once; it is
timed as the best of N runs, minus the start-up of an empty `parse-bench` run. The
reference parses the same bytes in-process with `ast.parse` (which also builds the
Python AST objects, as CPython's front end does for `compile`), best of N.
Files the reference rejects are left out of both.
"""
import argparse
import os
import subprocess
import sys
import sysconfig
import time

sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
import ast  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def lib_files():
    lib = sysconfig.get_path("stdlib")
    out = []
    for d, dirs, files in os.walk(lib):
        dirs[:] = sorted(x for x in dirs if x != "site-packages")
        out.extend(os.path.join(d, f) for f in sorted(files) if f.endswith(".py"))
    return sorted(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    binary = args.bin or os.path.join(os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"),
                                      "release", "taipan")
    files, sources = [], []
    for f in lib_files():
        with open(f, "rb") as fh:
            src = fh.read()
        try:
            ast.parse(src, f)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            continue
        files.append(f)
        sources.append((f, src))
    total = sum(len(s) for _, s in sources)

    def run_taipan(paths):
        t0 = time.perf_counter()
        p = subprocess.run([binary, "explain", "parse-bench"] + paths, capture_output=True)
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            sys.exit("parse-bench failed: %r" % p.stderr[-500:])
        return dt

    startup = min(run_taipan([]) for _ in range(args.repeat))
    taipan = min(run_taipan(files) for _ in range(args.repeat)) - startup

    def run_ref():
        t0 = time.perf_counter()
        for f, src in sources:
            with open(f, "rb") as fh:
                fh.read()
            ast.parse(src, f)
        return time.perf_counter() - t0

    ref = min(run_ref() for _ in range(args.repeat))
    print("parse_lib: %d files, %.1f MB" % (len(files), total / 1e6))
    print("  taipan explain parse-bench: %.3f s (start-up %.3f s subtracted)" % (taipan, startup))
    print("  reference ast.parse:        %.3f s" % ref)
    print("  taipan is %.1fx faster" % (ref / taipan))


if __name__ == "__main__":
    main()
