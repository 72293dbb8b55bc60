"""Run the golden programs with taipan and compare with the reference's expected outputs.

Run:  tools/ref.sh tools/run_programs.py [--taipan PATH] [--check] [-v] [PATTERN]

Every tests/programs/**/NAME.py (whose relative path contains PATTERN, if given) runs as
`taipan NAME.py` from its own directory, exactly as tools/gen_program_goldens.sh runs the
reference: clean environment with PYTHONHASHSEED=0, PYTHON_COLORS=0, LC_ALL=C.UTF-8, stdin
from NAME.stdin if present else /dev/null, 120 s timeout (--timeout). Its stdout, stderr (with the
program directory's absolute path + "/" replaced by "$DIR/" and " at 0x…" addresses by
" at 0xADDR") and exit status (128+N when
killed by signal N) must equal NAME.stdout, NAME.stderr and NAME.status.

Prints `programs: N/M pass (P%)` and the failing programs. With --check, exits 1 when the
pass percentage is below tests/conformance/thresholds/programs.txt. Not yet part of
tools/test.sh: see tests/programs/README.md.
"""

import argparse
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

TIMEOUT = 120.0
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "programs")
THRESHOLD = os.path.join(ROOT, "tests", "conformance", "thresholds", "programs.txt")


def clean_env():
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "HOME": os.environ.get("HOME", "/root"),
           "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0", "PYTHON_COLORS": "0"}
    for k in ("TAIPAN_STDLIB",):
        if k in os.environ:
            env[k] = os.environ[k]
    return env


def programs(pattern):
    out = []
    for dirpath, _dirs, files in os.walk(CORPUS):
        for f in files:
            if f.endswith(".py"):
                rel = os.path.relpath(os.path.join(dirpath, f), CORPUS)
                if not pattern or pattern in rel:
                    out.append(rel)
    return sorted(out)


ADDRESS = re.compile(rb" at 0x[0-9a-f]+")


def normalize(data, prefix):
    """What tools/gen_program_goldens.sh does to the reference's output."""
    return ADDRESS.sub(b" at 0xADDR", data.replace(prefix, b"$DIR/"))


def read(path, mode="rb"):
    try:
        with open(path, mode) as fp:
            return fp.read()
    except FileNotFoundError:
        return None


def run_one(taipan, rel, env):
    path = os.path.join(CORPUS, rel)
    d, name = os.path.split(path)
    base = name[:-3]
    stdin_path = os.path.join(d, base + ".stdin")
    stdin = open(stdin_path, "rb") if os.path.exists(stdin_path) else subprocess.DEVNULL
    try:
        proc = subprocess.run([taipan, name], cwd=d, env=env, stdin=stdin,
                              capture_output=True, timeout=TIMEOUT)
        out, err, status = proc.stdout, proc.stderr, proc.returncode
        if status < 0:
            status = 128 - status
    except subprocess.TimeoutExpired:
        return rel, "timeout"
    except OSError as e:
        return rel, f"cannot run taipan: {e}"
    finally:
        if stdin is not subprocess.DEVNULL:
            stdin.close()
    prefix = d.encode() + b"/"
    out = normalize(out, prefix)
    err = normalize(err, prefix)
    want_out = read(os.path.join(d, base + ".stdout"))
    want_err = read(os.path.join(d, base + ".stderr"))
    want_status = read(os.path.join(d, base + ".status"), "r")
    if want_out is None or want_err is None or want_status is None:
        return rel, "missing expected outputs (run tools/gen_program_goldens.sh)"
    problems = []
    if int(want_status) != status:
        problems.append(f"status {status}, expected {int(want_status)}")
    if out != want_out:
        problems.append("stdout differs")
    if err != want_err:
        problems.append("stderr differs")
    return rel, "; ".join(problems)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taipan", default=os.path.join(ROOT, "target", "release", "taipan"))
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per program (default 120)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every failure")
    ap.add_argument("pattern", nargs="?")
    args = ap.parse_args()
    global TIMEOUT
    TIMEOUT = args.timeout
    taipan = os.path.abspath(args.taipan)
    names = programs(args.pattern)
    env = clean_env()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda r: run_one(taipan, r, env), names))
    failures = [(r, p) for r, p in results if p]
    passed = len(results) - len(failures)
    pct = 100.0 * passed / len(results) if results else 0.0
    shown = failures if args.verbose else failures[:50]
    for rel, problem in shown:
        print(f"FAIL {rel}: {problem}")
    if len(shown) < len(failures):
        print(f"... and {len(failures) - len(shown)} more (-v lists all)")
    print(f"programs: {passed}/{len(results)} pass ({pct:.1f}%)")
    if args.check:
        threshold = float(open(THRESHOLD).read().split()[0])
        if pct < threshold:
            print(f"below threshold {threshold}%", file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
