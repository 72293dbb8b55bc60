"""Run the compile-time error corpus with taipan and compare with the reference's outputs.

Run:  tools/ref.sh tools/conformance/compile_errors.py [--taipan PATH] [--check] [-v] [PATTERN]

Every tests/compile_errors/NAME.py runs as `taipan NAME.py` from the corpus directory, as
tools/gen_compile_error_goldens.sh runs the reference; its stderr (corpus path + "/" replaced
by "$DIR/") and exit status must equal NAME.stderr and NAME.status. Prints
`compile_errors: N/M pass (P%)`; with --check exits 1 below
tests/conformance/thresholds/compile_errors.txt; run by tools/test.sh.
"""

import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests", "compile_errors")
THRESHOLD = os.path.join(ROOT, "tests", "conformance", "thresholds", "compile_errors.txt")


def run_one(taipan, name, env):
    try:
        proc = subprocess.run([taipan, name + ".py"], cwd=CORPUS, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return name, "timeout"
    except OSError as e:
        return name, f"cannot run taipan: {e}"
    status = proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
    err = proc.stderr.replace(CORPUS.encode() + b"/", b"$DIR/")
    with open(os.path.join(CORPUS, name + ".stderr"), "rb") as fp:
        want_err = fp.read()
    with open(os.path.join(CORPUS, name + ".status")) as fp:
        want_status = int(fp.read())
    problems = []
    if status != want_status:
        problems.append(f"status {status}, expected {want_status}")
    if proc.stdout:
        problems.append("printed on stdout")
    if err != want_err:
        problems.append("stderr differs")
    return name, "; ".join(problems)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taipan", default=os.path.join(ROOT, "target", "release", "taipan"))
    ap.add_argument("--check", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("pattern", nargs="?")
    args = ap.parse_args()
    taipan = os.path.abspath(args.taipan)
    names = sorted(f[:-3] for f in os.listdir(CORPUS)
                   if f.endswith(".py") and (not args.pattern or args.pattern in f))
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/root"),
           "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0", "PYTHON_COLORS": "0"}
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda n: run_one(taipan, n, env), names))
    failures = [(n, p) for n, p in results if p]
    shown = failures if args.verbose else failures[:50]
    for name, problem in shown:
        print(f"FAIL {name}.py: {problem}")
    if len(shown) < len(failures):
        print(f"... and {len(failures) - len(shown)} more (-v lists all)")
    passed = len(results) - len(failures)
    pct = 100.0 * passed / len(results) if results else 0.0
    print(f"compile_errors: {passed}/{len(results)} pass ({pct:.1f}%)")
    if args.check:
        threshold = float(open(THRESHOLD).read().split()[0])
        if pct < threshold:
            print(f"below threshold {threshold}%", file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
