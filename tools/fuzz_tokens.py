"""Differential fuzzing of the tokenizer against the reference CPython:

    tools/ref.sh tools/fuzz_tokens.py [--bin PATH] [--n N] [--seed S] [--kind mutate|generate|errors]

- mutate: windows of Lib files with random insertions/deletions/truncations; compares
  `taipan explain tokens -e` with `python -m tokenize -e` (stdout, stderr, status) and the
  parser-mode stream with `_tokenize.TokenizerIter(extra_tokens=False)`;
- generate: random sequences of fragments rich in f-strings, quotes, brackets, numbers,
  newlines and odd characters; same comparisons;
- errors: mutated snippets whose compile() error is a tokenizer error; the tokenizer's
  parser-mode SyntaxError (`taipan explain tokens --parser-error`) must have the same
  class, message, positions and text when the message is the same.

Failing inputs are kept as /tmp/fuzz_tokens/*.py. Inputs on which the reference itself
fails with an internal error (it has a few, e.g. NUL bytes mid-token) are skipped.
"""
import argparse
import multiprocessing
import os
import random
import subprocess
import sys
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "conformance"))
import tokens as T  # noqa: E402

OUT = "/tmp/fuzz_tokens"
MUTATIONS = ['"', "'", '"""', "'''", '{', '}', '{{', '}}', '\\', '\t', '\r', '\r\n', '\x0c', '#', ':', '!',
             '=', 'é', '€', '\x01', ' ', '\n', '    ', 'f"', "f'", 'rf"', 'b"', '0', '0x', '1e', '.', '_',
             'j', '(', ')', '[', ']', '\\\n', 'f"{', '# type: ignore', '\x00', '\ufeff', 'if', '0o', '0b']
FRAGMENTS = ['f"', "f'", 'f"""', "f'''", 'rf"', "fr'", 'F"', '"', "'", '"""', "'''", 'b"', "rb'", 'u"',
             '{', '}', '{{', '}}', '{x', 'x}', ':', '!r', '!s', '=', '==', ':>10', ':{w}', '\\', '\\n',
             '\\N{BULLET}', '\\{', '\\}', '\n', '\r\n', '\r', '\t', '    ', '  ', '\x0c', '#', '# c\n',
             'abc', 'é', '€', 'x', '1', '0x1f', '1_000', '1e5', '1j', '0o7', '0b1', '.5', '09', '1__0',
             '(', ')', '[', ']', ',', '+', '-', '**=', '->', ':=', '...', '.', '!', '!=', '<>', '$', '?',
             ' ', ' ', 'if', 'else', 'lambda', '\\\n', 'def f():\n', 'return', 'pass\n', '1if', '0else']
TOKENIZER_MESSAGES = ("literal", "unterminated", "never closed", "unindent does not match",
                      "inconsistent use of tabs", "too many levels", "line continuation",
                      "invalid character", "non-printable", "unmatched", "does not match opening",
                      "too many nested", "f-string: expecting '}'", "single '}'", "nested too deeply",
                      "leading zeros", "invalid digit", "unexpected EOF")


def mutated(rnd, lines_max=30, count=3, text=False):
    f = rnd.choice(T.lib_files())
    data = open(f, "rb").read()
    if text:
        data = data.decode("utf-8", "replace").encode()
    lines = data.splitlines(keepends=True)
    if len(lines) > lines_max + 10:
        s = rnd.randrange(0, len(lines) - lines_max)
        lines = lines[s:s + lines_max]
    data = b"".join(lines)
    if text:
        data = data.decode()
    for _ in range(rnd.randint(1, count)):
        pos = rnd.randrange(0, len(data) + 1)
        op = rnd.random()
        if op < 0.3:
            data = data[:pos]
        elif op < 0.5 and data:
            data = data[:pos] + data[pos + 1:]
        else:
            m = rnd.choice(MUTATIONS)
            data = data[:pos] + (m if text else m.encode()) + data[pos:]
    return data.encode() if text else data


def compare_listing(path, binary):
    try:
        exp = T.expected_inprocess(path, True)
    except Exception:
        return True  # the reference failed internally
    p = subprocess.run([binary, "explain", "tokens", "-e", path], capture_output=True)
    return (p.stdout, p.stderr, p.returncode) == exp and T.check_parser_mode((path, binary))[1] is None


def compare_error(path, data, binary):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(data, "<s>", "exec")
            return True
        except SyntaxError as e:
            err = e
        except Exception:
            return True
    if not any(m in err.msg for m in TOKENIZER_MESSAGES):
        return True
    p = subprocess.run([binary, "explain", "tokens", "--parser-error", path], capture_output=True)
    n = lambda v: str(-1 if v is None else v)
    want = "|".join([type(err).__name__, err.msg, n(err.lineno), n(err.offset), n(err.end_lineno),
                     n(err.end_offset), "None" if err.text is None else repr(err.text)])
    got = p.stdout.decode().rstrip("\n")
    # A different message is a question of precedence between parser and tokenizer errors.
    return got == want or got.split("|")[1:2] != want.split("|")[1:2]


def case(job):
    i, seed, kind, binary = job
    rnd = random.Random(seed * 1000003 + i)
    path = os.path.join(OUT, "%s_%d_%d.py" % (kind, seed, i))
    if kind == "generate":
        data = "".join(rnd.choice(FRAGMENTS) for _ in range(rnd.randint(1, 25)))
        data = (data + ("\n" if rnd.random() < 0.7 else "")).encode()
    else:
        data = mutated(rnd, 12 if kind == "errors" else 30, text=kind == "errors")
    with open(path, "wb") as f:
        f.write(data)
    if kind == "errors":
        ok = compare_error(path, data.decode(), binary)
    else:
        ok = compare_listing(path, binary)
    if ok:
        os.unlink(path)
        return None
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR") or
                                                  os.path.join(T.ROOT, "target"), "release", "taipan"))
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kind", choices=["mutate", "generate", "errors"], default="mutate")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    jobs = [(i, args.seed, args.kind, args.bin) for i in range(args.n)]
    with multiprocessing.Pool(2) as pool:
        bad = [b for b in pool.map(case, jobs, chunksize=16) if b]
    print("%s: %d/%d identical" % (args.kind, args.n - len(bad), args.n))
    for b in bad[:30]:
        print("  DIFF", b)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
