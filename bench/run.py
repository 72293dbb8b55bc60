"""Run the benchmark programs of bench/programs/ under taipan, Debian's python3.11 and the
reference python3.13, in the same run, and print a table of times and ratios.

    tools/ref.sh bench/run.py [--taipan PATH] [--repeat N] [--timeout S] [PATTERN...]
    tools/ref.sh bench/run.py --check [PATTERN...]   # outputs only: one run each, no timings

PATTERN selects programs by name (a substring, or a glob such as 'g*'); all by default.
taipan defaults to $CARGO_TARGET_DIR/release/taipan, else ./target/release/taipan (build it
with `cargo build --release`). python3.13 is the interpreter running this script
(sys.executable), which is why it is started through tools/ref.sh.

For each program the three interpreters run in turn, N rounds, the order rotating each round
so that none always runs first on a warm or cold machine; each time is the best of the N
rounds. Wall time is measured around the child process; CPU time (user + system) comes from
getrusage(RUSAGE_CHILDREN) before and after it. Every child gets PYTHONHASHSEED=0.

python3.13's stdout is the expected output: taipan passes a program only with exit status 0
and byte-identical stdout. A program that fails is shown as "fail" (or "does not run yet"
while the taipan binary says it cannot run programs yet), is run once only, and is left out
of the geometric means, which say how many programs they include. python3.11's output is
checked against python3.13's too, so a program that depends on the version is caught.

The machine's load average is printed before and after: on a shared machine the ratios
are more trustworthy than the seconds, and CPU time more than wall time.
"""
import argparse
import fnmatch
import math
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "bench", "programs")
PY311 = "/usr/bin/python3.11"
NOT_YET = "does not run yet"


class Result:
    """Best wall and CPU seconds of one interpreter on one program, or why it failed."""

    def __init__(self):
        self.wall = math.inf
        self.cpu = math.inf
        self.failure = None  # None, "fail" or NOT_YET
        self.detail = ""

    @property
    def ok(self):
        return self.failure is None and self.wall < math.inf


def run_once(argv, timeout):
    """Run argv once; return (wall, cpu, returncode, stdout, stderr)."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=timeout)
        code, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        code, out, err = "timeout", e.stdout or b"", b"timed out after %ds" % timeout
    except OSError as e:
        code, out, err = "oserror", b"", str(e).encode()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, code, out, err


def first_line(b):
    lines = b.decode("utf-8", "replace").strip().splitlines()
    return lines[-1][:120] if lines else ""


def bench_program(path, interps, repeat, timeout):
    """Time one program under every interpreter; returns {name: Result}."""
    results = {name: Result() for name, _ in interps}
    outputs = {}
    for rnd in range(repeat):
        k = rnd % len(interps)
        for name, argv in interps[k:] + interps[:k]:
            r = results[name]
            if r.failure is not None:
                continue
            wall, cpu, code, out, err = run_once(argv + [path], timeout)
            if code != 0:
                r.failure = NOT_YET if (name == "taipan" and code == 2 and b"cannot run" in err) else "fail"
                r.detail = "exit %s: %s" % (code, first_line(err))
                continue
            outputs.setdefault(name, out)
            if out != outputs[name]:
                r.failure, r.detail = "fail", "stdout differs between runs"
                continue
            r.wall = min(r.wall, wall)
            r.cpu = min(r.cpu, cpu)
    expected = outputs.get("python3.13")
    for name, r in results.items():
        if name != "python3.13" and r.failure is None and expected is not None and outputs.get(name) != expected:
            r.failure = "fail"
            r.detail = "stdout %r, python3.13 printed %r" % (first_line(outputs.get(name, b"")),
                                                             first_line(expected))
    return results


def geomean(ratios):
    return math.exp(sum(math.log(x) for x in ratios) / len(ratios)) if ratios else None


def table(rows, kind, names, repeat):
    """Markdown table of one measure ('wall' or 'cpu') with ratios and their geometric means."""
    label = {"wall": "wall seconds", "cpu": "CPU seconds (user+sys)"}[kind]
    pairs = [("taipan", "python3.11"), ("taipan", "python3.13"), ("python3.13", "python3.11")]
    head = ["program"] + names + ["%s/%s" % (a.replace("python", ""), b.replace("python", "")) for a, b in pairs]
    out = ["%s, best of %d:" % (label, repeat), "",
           "| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    ratios = {p: [] for p in pairs}
    for prog, res in rows:
        cells = [prog]
        for n in names:
            r = res.get(n)
            cells.append("%.3f" % getattr(r, kind) if r.ok else r.failure or "-")
        for a, b in pairs:
            ra, rb = res.get(a), res.get(b)
            if ra is not None and rb is not None and ra.ok and rb.ok:
                x = getattr(ra, kind) / getattr(rb, kind)
                ratios[a, b].append(x)
                cells.append("%.2f" % x)
            else:
                cells.append("-")
        out.append("| " + " | ".join(cells) + " |")
    cells = ["geometric mean"] + [""] * len(names)
    for p in pairs:
        g = geomean(ratios[p])
        cells.append("-" if g is None else "%.2f (%d/%d)" % (g, len(ratios[p]), len(rows)))
    out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def check(progs, interps):
    """--check: one run per interpreter and program; report outputs that differ from python3.13's."""
    bad = 0
    for prog in progs:
        res = bench_program(os.path.join(PROGRAMS, prog + ".py"), interps, 1, 600)
        words = []
        for name, _ in interps:
            r = res[name]
            words.append("%s %s" % (name, "ok" if r.ok else r.failure))
            if not r.ok and name != "taipan":
                bad += 1
        print("%-16s %s" % (prog, ", ".join(words)))
        for name, _ in interps:
            if res[name].detail:
                print("%16s %s: %s" % ("", name, res[name].detail))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--taipan", help="taipan binary (default: $CARGO_TARGET_DIR or ./target, release/taipan)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds per program; the best time counts (default 3)")
    ap.add_argument("--timeout", type=int, default=120, help="seconds before one run counts as failed")
    ap.add_argument("--check", action="store_true",
                    help="only compare outputs with python3.13's (one run each), print no timings")
    ap.add_argument("patterns", nargs="*", metavar="PATTERN", help="program names: substrings or globs")
    args = ap.parse_args()
    if sys.version_info[:2] != (3, 13):
        sys.exit("bench/run.py: run me with the reference python3.13: tools/ref.sh bench/run.py")
    taipan = args.taipan or os.path.join(os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"),
                                         "release", "taipan")
    progs = sorted(f[:-3] for f in os.listdir(PROGRAMS) if f.endswith(".py"))
    if args.patterns:
        progs = [p for p in progs if any(fnmatch.fnmatch(p, pat) or pat in p for pat in args.patterns)]
    if not progs:
        sys.exit("bench/run.py: no program matches %s" % " ".join(args.patterns))

    interps = [("python3.11", [PY311]), ("python3.13", [sys.executable])]
    names = ["taipan", "python3.11", "python3.13"]
    have_taipan = os.path.isfile(taipan) and os.access(taipan, os.X_OK)
    if have_taipan:
        interps.insert(0, ("taipan", [taipan]))
    if args.check:
        if not have_taipan:
            print("taipan: %s not built (cargo build --release); checking the two CPythons only" % taipan)
        return check(progs, interps)
    print("bench/run.py: %d programs, best of %d; load average %.2f %.2f %.2f" % ((len(progs), args.repeat)
                                                                                 + os.getloadavg()))
    print("  taipan:     %s%s" % (taipan, "" if have_taipan else "  (not built: cargo build --release)"))
    print("  python3.11: %s" % PY311)
    print("  python3.13: %s" % sys.executable)
    rows = []
    for prog in progs:
        print("  running %s ..." % prog, file=sys.stderr, flush=True)
        res = bench_program(os.path.join(PROGRAMS, prog + ".py"), interps, args.repeat, args.timeout)
        if not have_taipan:
            res["taipan"] = Result()
            res["taipan"].failure = "not built"
        rows.append((prog, res))
    print()
    print(table(rows, "wall", names, args.repeat))
    print()
    print(table(rows, "cpu", names, args.repeat))
    print()
    failures = [(prog, n, res[n]) for prog, res in rows for n in names
                if res[n].failure is not None and res[n].failure != "not built"]
    not_yet = [prog for prog, n, r in failures if r.failure == NOT_YET]
    failures = [f for f in failures if f[2].failure != NOT_YET]
    if not_yet:
        print("taipan does not run yet (exit 2, 'cannot run FILE yet'): %d programs" % len(not_yet))
    if failures:
        print("failures:")
        for prog, n, r in failures:
            print("  %s on %s: %s" % (n, prog, r.detail))
    if not_yet or failures:
        print()
    print("load average after: %.2f %.2f %.2f" % os.getloadavg())
    broken = [prog for prog, n, _ in failures if n != "taipan"]
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
