"""Conformance of `taipan explain tokens` with `python3.13 -m tokenize`.

    tools/ref.sh tools/conformance/tokens.py [--check] [--release-bin PATH] [--subprocess]
                                             [--no-parser-mode] [--files F ...] [--show N]

Over every .py file of the reference's Lib (site-packages excluded; Lib/test included,
whose deliberately broken files must give the same error), compares stdout, stderr and
exit status of `taipan explain tokens -e FILE` with those of `python -m tokenize -e FILE`,
and prints `tokens: N/TOTAL identical (P%)` and the files that differ. Also checks the
mode without `-e` on every 10th file, and the token stream the parser gets
(`taipan explain tokens --parser FILE`) against `_tokenize.TokenizerIter(...,
extra_tokens=False)` on every file (errors that CPython raises from `tok->done`, worded
differently by tokenize and by the parser, compare as equal), each token's `line`
(`--lines`) on every 10th file, and reading standard input on every 20th file.

The expected output is produced in-process by replaying `tokenize.main()` (fast);
`--subprocess` runs the real `python -m tokenize` instead (slow; validates the replay).
With `--check`, exits 1 when the percentage drops below
tests/conformance/thresholds/tokens.txt.
"""
import argparse
import io
import multiprocessing
import os
import subprocess
import sys
import sysconfig
import tokenize
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
THRESHOLD = os.path.join(ROOT, "tests", "conformance", "thresholds", "tokens.txt")


def lib_files():
    lib = sysconfig.get_path("stdlib")
    out = []
    for d, dirs, files in os.walk(lib):
        dirs[:] = sorted(x for x in dirs if x != "site-packages")
        out.extend(os.path.join(d, f) for f in sorted(files) if f.endswith(".py"))
    return sorted(out)


def expected_inprocess(path, exact):
    """tokenize.main() for `python -m tokenize [-e] path`: (stdout, stderr, status)."""
    out, err = io.StringIO(), io.StringIO()

    def show(message, category, filename, lineno, file=None, line=None):
        err.write(warnings.formatwarning(message, category, filename, lineno, line))

    def error(message, filename=None, location=None):
        if location:
            err.write("%s:%d:%d: error: %s\n" % ((filename,) + location + (message,)))
        elif filename:
            err.write("%s: error: %s\n" % (filename, message))
        else:
            err.write("error: %s\n" % message)
        return 1

    saved = warnings.showwarning
    warnings.showwarning = show
    status = 0
    try:
        try:
            with open(path, "rb") as f:
                tokens = list(tokenize.tokenize(f.readline))
            for token in tokens:
                token_type = token.exact_type if exact else token.type
                token_range = "%d,%d-%d,%d:" % (token.start + token.end)
                out.write("%-20s%-15s%-15r\n" % (token_range, tokenize.tok_name[token_type], token.string))
        except IndentationError as e:
            status = error(e.args[0], path, tuple(e.args[1][1:3]))
        except tokenize.TokenError as e:
            status = error(e.args[0], path, tuple(e.args[1]))
        except SyntaxError as e:
            status = error(e, path)
        except OSError as e:
            status = error(e)
    finally:
        warnings.showwarning = saved
    if status:
        out = io.StringIO()
    return out.getvalue().encode("utf-8", "surrogateescape"), err.getvalue().encode("utf-8", "surrogateescape"), status


DONE_MSGS = ("unexpected EOF in multi-line statement", "was never closed",
             "unexpected EOF while parsing",
             "unindent does not match any outer indentation level",
             "inconsistent use of tabs and spaces in indentation",
             "too many levels of indentation",
             "unexpected character after line continuation character")


def normalize_parser_error(line):
    if line.startswith(b"ERROR ") and any(m.encode() in line for m in DONE_MSGS):
        return b"ERROR (tokenizer state error)"
    return line


def expected_parser_mode(path):
    """The parser-mode tokens: `_tokenize.TokenizerIter(..., extra_tokens=False)`."""
    import _tokenize
    out = io.StringIO()
    status = 0
    with open(path, "rb") as f:
        try:
            enc, _ = tokenize.detect_encoding(f.readline)
        except SyntaxError as e:
            return b"", ("%s: error: %s\n" % (path, e)).encode(), 1
        f.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                for typ, string, start, end, line in _tokenize.TokenizerIter(
                        f.readline, encoding=enc, extra_tokens=False):
                    token_range = "%d,%d-%d,%d:" % (start + end)
                    out.write("%-20s%-15s%-15r\n" % (token_range, tokenize.tok_name[typ], string))
            except SyntaxError as e:
                out.write("ERROR %s: %s (%s, %s)\n" % (type(e).__name__, e.msg, e.lineno, e.offset))
                status = 1
    return out.getvalue().encode("utf-8", "surrogateescape"), b"", status


def check_parser_mode(job):
    path, binary = job
    exp = expected_parser_mode(path)
    p = subprocess.run([binary, "explain", "tokens", "--parser", path], capture_output=True, timeout=60)
    got = (p.stdout, p.stderr, p.returncode)
    if exp == (b"", b"", 0) and got[0].count(b"\n") == 1 and b"ENDMARKER" in got[0]:
        # TokenizerIter(extra_tokens=False) yields nothing at all for an empty file
        # (its line bookkeeping fails); the parser does get the ENDMARKER.
        return path, None
    norm = lambda o: b"\n".join(normalize_parser_error(l) for l in o.split(b"\n"))
    if (norm(got[0]), got[1], got[2]) == (norm(exp[0]), exp[1], exp[2]):
        return path, None
    gl, el = got[0].splitlines(), exp[0].splitlines()
    for i, (a, b) in enumerate(zip(gl + [b"<eof>"] * len(el), el + [b"<eof>"] * len(gl))):
        if normalize_parser_error(a) != normalize_parser_error(b):
            return path, "parser mode line %d: got %r expected %r" % (i + 1, a, b)
    return path, "parser mode: status/stderr %r %r" % (got[1:], exp[1:])


def expected_lines(path):
    """repr(token.line) for each token of tokenize.tokenize, up to any error."""
    out = io.StringIO()
    status = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with open(path, "rb") as f:
                for token in tokenize.tokenize(f.readline):
                    out.write("%r\n" % (token.line,))
        except (SyntaxError, tokenize.TokenError):
            status = 1
        except Exception:
            return None
    return out.getvalue().encode("utf-8", "surrogateescape"), status


def check_lines(job):
    path, binary = job
    exp = expected_lines(path)
    if exp is None:
        return path, None
    p = subprocess.run([binary, "explain", "tokens", "--lines", path], capture_output=True, timeout=60)
    if (p.stdout, p.returncode) == exp:
        return path, None
    gl, el = p.stdout.splitlines(), exp[0].splitlines()
    for i, (a, b) in enumerate(zip(gl + [b"<eof>"] * len(el), el + [b"<eof>"] * len(gl))):
        if a != b:
            return path, "token lines: line %d: got %r expected %r" % (i + 1, a[:200], b[:200])
    return path, "token lines: status %r expected %r" % (p.returncode, exp[1])


def check_stdin(job):
    """`tokenize -e` reading standard input (no ENCODING token, str lines)."""
    path, binary = job
    with open(path, "rb") as f:
        exp = subprocess.run([sys.executable, "-m", "tokenize", "-e"], stdin=f, capture_output=True)
    with open(path, "rb") as f:
        got = subprocess.run([binary, "explain", "tokens", "-e"], stdin=f, capture_output=True, timeout=60)
    if (got.stdout, got.stderr, got.returncode) == (exp.stdout, exp.stderr, exp.returncode):
        return path, None
    if b"unexpected error" in exp.stderr:
        return path, None  # the reference failed internally (e.g. undecodable stdin)
    return path, "stdin: status %r expected %r; stderr %r expected %r" % (
        got.returncode, exp.returncode, got.stderr[-200:], exp.stderr[-200:])


def expected_subprocess(path, exact):
    cmd = [sys.executable, "-m", "tokenize"] + (["-e"] if exact else []) + [path]
    p = subprocess.run(cmd, capture_output=True)
    return p.stdout, p.stderr, p.returncode


def check_one(job):
    path, exact, binary, use_subprocess = job
    exp = (expected_subprocess if use_subprocess else expected_inprocess)(path, exact)
    cmd = [binary, "explain", "tokens"] + (["-e"] if exact else []) + [path]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=60)
        got = (p.stdout, p.stderr, p.returncode)
    except subprocess.TimeoutExpired:
        got = (b"", b"timeout", -1)
    if got == exp:
        return path, None
    what = [n for n, a, b in zip(("stdout", "stderr", "status"), got, exp) if a != b]
    detail = ""
    if "stdout" in what:
        gl, el = got[0].splitlines(), exp[0].splitlines()
        for i, (a, b) in enumerate(zip(gl + [b"<eof>"] * len(el), el + [b"<eof>"] * len(gl))):
            if a != b:
                detail = "line %d: got %r expected %r" % (i + 1, a, b)
                break
    elif "stderr" in what:
        detail = "stderr: got %r expected %r" % (got[1][-300:], exp[1][-300:])
    else:
        detail = "status: got %r expected %r" % (got[2], exp[2])
    return path, "%s (%s)" % (", ".join(what), detail)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--release-bin")
    ap.add_argument("--subprocess", action="store_true")
    ap.add_argument("--files", nargs="*")
    ap.add_argument("--no-parser-mode", dest="parser_mode", action="store_false",
                    help="skip comparing the parser-mode token stream (`taipan explain tokens --parser`)")
    ap.add_argument("--show", type=int, default=50, help="differing files to list")
    args = ap.parse_args()
    binary = args.release_bin or os.path.join(
        os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "release", "taipan")
    if not os.path.exists(binary):
        sys.exit("tokens.py: no binary at %s (cargo build --release, or --release-bin)" % binary)
    files = args.files or lib_files()
    jobs = [(f, True, binary, args.subprocess) for f in files]
    sample = [(f, False, binary, args.subprocess) for f in files[::10]]
    with multiprocessing.Pool(2) as pool:
        res = pool.map(check_one, jobs, chunksize=8)
        res_plain = pool.map(check_one, sample, chunksize=8)
        res_parser = pool.map(check_parser_mode, [(f, binary) for f in files], chunksize=8) if args.parser_mode else []
        res_lines = pool.map(check_lines, [(f, binary) for f in files[::10]], chunksize=8)
        res_stdin = pool.map(check_stdin, [(f, binary) for f in files[::20]], chunksize=8)
    bad = [(p, d) for p, d in res if d]
    bad_plain = [(p, d) for p, d in res_plain if d]
    n, total = len(res) - len(bad), len(res)
    pct = 100.0 * n / total if total else 0.0
    print("tokens: %d/%d identical (%.2f%%)" % (n, total, pct))
    print("tokens (without -e, every 10th file): %d/%d identical" % (len(res_plain) - len(bad_plain), len(res_plain)))
    bad_parser = [(p, d) for p, d in res_parser if d]
    if args.parser_mode:
        print("tokens (parser mode): %d/%d identical" % (len(res_parser) - len(bad_parser), len(res_parser)))
    bad_lines = [(p, d) for p, d in res_lines if d]
    print("tokens (TokenInfo.line, every 10th file): %d/%d identical" % (len(res_lines) - len(bad_lines), len(res_lines)))
    bad_stdin = [(p, d) for p, d in res_stdin if d]
    print("tokens (from stdin, every 20th file): %d/%d identical" % (len(res_stdin) - len(bad_stdin), len(res_stdin)))
    for p, d in (bad + bad_plain + bad_parser + bad_lines + bad_stdin)[: args.show]:
        print("  DIFF %s: %s" % (p, d))
    if args.check:
        with open(THRESHOLD) as f:
            threshold = float(f.read().split()[0])
        if pct < threshold or bad_plain or bad_parser or bad_lines or bad_stdin:
            print("tokens: below threshold %.2f%%" % threshold)
            sys.exit(1)


if __name__ == "__main__":
    main()
