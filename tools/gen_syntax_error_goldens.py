"""Regenerate the expected outputs of the syntax-error corpus from the reference CPython.

Run:  tools/ref.sh tools/gen_syntax_error_goldens.py [NAME …]

For every tests/syntax_errors/NAME.py this runs `python3.13 NAME.py` with the corpus
directory as the working directory and stores what it printed on stderr in NAME.stderr and
its exit status in NAME.status. CPython makes the script path absolute (cwd + "/" + NAME.py),
so the corpus directory's absolute path is replaced by `$DIR` in the stored stderr;
tools/conformance/syntax_errors.py does the same to taipan's output before comparing.
Never edit the generated files by hand.
"""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "syntax_errors")
DIR_TOKEN = b"$DIR/"


def clean_env():
    """A predictable environment: no PYTHON* settings, UTF-8 stderr, no colours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["LC_ALL"] = "C.UTF-8"
    env["PYTHON_COLORS"] = "0"
    env.pop("FORCE_COLOR", None)
    env.pop("NO_COLOR", None)
    return env


def normalize(stderr, corpus_dir):
    return stderr.replace(corpus_dir.encode() + b"/", DIR_TOKEN)


def run_one(name, env):
    proc = subprocess.run([sys.executable, name + ".py"], cwd=CORPUS, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    if proc.stdout:
        print(f"warning: {name}.py printed on stdout (did it run?)", file=sys.stderr)
    with open(os.path.join(CORPUS, name + ".stderr"), "wb") as fp:
        fp.write(normalize(proc.stderr, CORPUS))
    with open(os.path.join(CORPUS, name + ".status"), "w") as fp:
        fp.write(f"{proc.returncode}\n")
    return name, proc.returncode


def main():
    names = sys.argv[1:] or sorted(f[:-3] for f in os.listdir(CORPUS) if f.endswith(".py"))
    env = clean_env()
    statuses = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for name, status in pool.map(lambda n: run_one(n, env), names):
            statuses[name] = status
    # Drop outputs of cases that no longer exist.
    for f in os.listdir(CORPUS):
        base, ext = os.path.splitext(f)
        if ext in (".stderr", ".status") and not os.path.exists(os.path.join(CORPUS, base + ".py")):
            os.remove(os.path.join(CORPUS, f))
    bad = [n for n, s in statuses.items() if s != 1]
    print(f"{len(statuses)} expected outputs written; exit status != 1: {bad}")


if __name__ == "__main__":
    main()
