"""Syntax-error conformance: `taipan NAME.py` must print on stderr exactly what
`python3.13 NAME.py` printed (tests/syntax_errors/NAME.stderr) and exit with the same
status (NAME.status). The expected files come from tools/gen_syntax_error_goldens.py.

Run by the reference python:
    tools/ref.sh tools/conformance/syntax_errors.py [--check] [--write-gaps] [-v] [NAME …]

Prints `syntax errors: N/M identical (P%)`. With --check, exits 1 when P drops below
tests/conformance/thresholds/syntax_errors.txt. With --write-gaps, rewrites
tests/syntax_errors/KNOWN_GAPS.txt: the failing cases, one per line, with the expected and
actual last stderr line as the reason. -v prints a diff for each failing case.

The taipan binary: $TAIPAN, else $CARGO_TARGET_DIR/release/taipan, else target/release/taipan.
"""

import difflib
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests", "syntax_errors")
THRESHOLD = os.path.join(ROOT, "tests", "conformance", "thresholds", "syntax_errors.txt")
GAPS = os.path.join(CORPUS, "KNOWN_GAPS.txt")
DIR_TOKEN = b"$DIR/"


def find_taipan():
    if os.environ.get("TAIPAN"):
        return os.environ["TAIPAN"]
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    return os.path.join(target, "release", "taipan")


def clean_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["LC_ALL"] = "C.UTF-8"
    return env


def run_case(taipan, name, env):
    with open(os.path.join(CORPUS, name + ".stderr"), "rb") as fp:
        want_err = fp.read()
    with open(os.path.join(CORPUS, name + ".status")) as fp:
        want_status = int(fp.read().strip())
    try:
        proc = subprocess.run([taipan, name + ".py"], cwd=CORPUS, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
        got_err = proc.stderr.replace(CORPUS.encode() + b"/", DIR_TOKEN)
        got_status = proc.returncode
    except subprocess.TimeoutExpired:
        got_err, got_status = b"<timeout>\n", None
    ok = got_err == want_err and got_status == want_status
    return name, ok, want_err, got_err, want_status, got_status


def last_line(b):
    lines = b.decode("utf-8", "replace").rstrip("\n").split("\n")
    return lines[-1][:120] if lines else ""


def reason(want_err, got_err, want_status, got_status):
    if got_status != want_status and got_status is not None and got_status < 0:
        return f"crashed (signal {-got_status})"
    wl, gl = last_line(want_err), last_line(got_err)
    if wl != gl:
        return f"message: expected {wl!r}, got {gl!r}"
    if got_status != want_status:
        return f"status: expected {want_status}, got {got_status}"
    return "location or source line differs"


def main(argv):
    check = "--check" in argv
    write_gaps = "--write-gaps" in argv
    verbose = "-v" in argv
    names = [a for a in argv if not a.startswith("-")]
    if not names:
        names = sorted(f[:-3] for f in os.listdir(CORPUS) if f.endswith(".py"))
    taipan = find_taipan()
    if not os.path.exists(taipan):
        print(f"syntax errors: taipan binary not found at {taipan} (build it or set $TAIPAN)")
        return 1
    env = clean_env()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda n: run_case(taipan, n, env), names))
    passed = sum(1 for r in results if r[1])
    total = len(results)
    pct = 100.0 * passed / total if total else 100.0
    failing = [r for r in results if not r[1]]
    if verbose:
        for name, _, want_err, got_err, ws, gs in failing:
            print(f"--- {name} (status expected {ws}, got {gs})")
            sys.stdout.writelines(difflib.unified_diff(
                want_err.decode("utf-8", "replace").splitlines(True),
                got_err.decode("utf-8", "replace").splitlines(True),
                "expected", "taipan"))
    if write_gaps:
        with open(GAPS, "w") as fp:
            fp.write("# Syntax-error cases taipan does not yet match (written by\n"
                     "# tools/conformance/syntax_errors.py --write-gaps): NAME: reason\n")
            for name, _, want_err, got_err, ws, gs in failing:
                fp.write(f"{name}: {reason(want_err, got_err, ws, gs)}\n")
    print(f"syntax errors: {passed}/{total} identical ({pct:.1f}%)")
    if check:
        with open(THRESHOLD) as fp:
            threshold = float(fp.read().split()[0])
        if pct < threshold:
            print(f"syntax errors: below the threshold of {threshold}%")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
