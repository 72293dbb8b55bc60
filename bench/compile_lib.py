"""Compiler speed: compile every .py file of the reference's Lib to .pyc with taipan and
compile the same files with the reference, in the same run, and print the ratio.

    tools/ref.sh bench/compile_lib.py [--bin PATH] [--repeat N] [-j N] [-O | -OO]

taipan runs `taipan compile -d TMP FILE…` once over all files (process start-up paid
once; use a release build), best of N; with `-j N` it compiles on N threads (`-j 0`: one per
core) while the reference stays on one, so then compare CPU time for efficiency and wall
time for what a user waits. The reference, in-process, runs
`py_compile.compile(path, cfile=TMP/…, optimize=N)` on each file (what `taipan compile`
does: read, compile, marshal, write the .pyc), best of N. Files the reference rejects are left
out of both. Both wall-clock and CPU time (user + system; taipan's from the child's
rusage) are printed: on a shared machine the CPU ratio is the steadier figure.

The runs alternate (reference, taipan, reference, …) so that both meet the same file-system
state: creating files costs more after many recent deletions (ext4 without a journal skips
recently freed inodes), and every run deletes its output directory.
"""
import argparse
import py_compile
import resource
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
import warnings

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
    ap.add_argument("--bin", default=os.environ.get("TAIPAN") or os.path.join(
        os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "release", "taipan"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("-j", dest="jobs", type=int, default=1, help="taipan compile -j N (0: every core)")
    ap.add_argument("-O", dest="o", action="store_true")
    ap.add_argument("-OO", dest="oo", action="store_true")
    a = ap.parse_args()
    optimize = 2 if a.oo else 1 if a.o else 0
    files = []
    warnings.simplefilter("ignore")
    for path in lib_files():
        with open(path, "rb") as f:
            src = f.read()
        try:
            compile(src, path, "exec", dont_inherit=True, optimize=optimize)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        files.append(path)
    total = sum(os.path.getsize(p) for p in files)

    ref = ref_cpu = float("inf")
    mine = mine_cpu = float("inf")
    failed = 0
    for _ in range(a.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t, c = time.perf_counter(), time.process_time()
            for path in files:
                py_compile.compile(path, cfile=os.path.join(tmp, path.lstrip("/") + "c"), doraise=True,
                                   optimize=optimize)
            ref = min(ref, time.perf_counter() - t)
            ref_cpu = min(ref_cpu, time.process_time() - c)
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [a.bin, "compile"] + {0: [], 1: ["-O"], 2: ["-OO"]}[optimize] + ["-j", str(a.jobs), "-d", tmp] + files
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True)
            mine = min(mine, time.perf_counter() - t)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            mine_cpu = min(mine_cpu, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
            failed = p.stderr.count(b"\n") if p.returncode else 0
    print("files: %d (%.1f MB)%s" % (len(files), total / 1e6, "" if not failed else ", taipan reported %d error lines" % failed))
    print("reference py_compile: %.3f s wall, %.3f s CPU" % (ref, ref_cpu))
    print("taipan compile -j %d: %.3f s wall, %.3f s CPU" % (a.jobs, mine, mine_cpu))
    print("ratio: %.2fx wall, %.2fx CPU" % (ref / mine, ref_cpu / mine_cpu))


if __name__ == "__main__":
    main()
