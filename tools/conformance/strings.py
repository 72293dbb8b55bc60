"""str conformance: taipan's `str` value and methods (crates/taipan-vm/src/unicode) against
the reference CPython's own str methods and codecs, in bulk.

    tools/ref.sh tools/conformance/strings.py           # print the figures
    tools/ref.sh tools/conformance/strings.py --check   # also fail below the thresholds
    tools/ref.sh tools/conformance/strings.py -v [FAMILY...]  # list (some) failures

Cases are generated deterministically (fixed seeds) from pools of ASCII, Latin-1, BMP,
astral and lone-surrogate characters plus edge values (empty strings, separators at the
ends, negative and huge indices); the reference computes each expected result in-process
and the hidden `strings-probe` binary computes taipan's, all cases through one
stdin/stdout pipe. Thresholds: tests/conformance/thresholds/strings.txt, one
`FAMILY PERCENT` per line (`strings` = all families together).
"""
import os
import random
import subprocess
import sys
import unicodedata
import _sre

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
THRESHOLDS = os.path.join(ROOT, "tests", "conformance", "thresholds", "strings.txt")

ASCII = "abcxyzABCXYZ019 _-+.,:;'\"\\\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x00\x7f~#&"
LATIN1 = "\x85\xa0\xaa\xb2\xb5\xba\xbc\xdf\xe9\xc9\xff\xd7\xad\xbd\xb9"
BMP = ("\u03a3\u03c3\u03c2\u0130\u0131\u01c5\u01c4\u01c6\ufb01\u0149\u1e9e\u2028\u2029\u3000"
       "\u0301\u0345\u0390\u1f80\u1fbc\u2160\u2170\u0660\u0967\u4e00\u2155\u00b7\u02b0\u2019"
       "\u0410\u0430\u10a0\u2d00\u1c90\uff21\uff41\ufeff\u200b\u00ad\ua7c0\u1e00\u0587\u2126")
ASTRAL = "\U0001d400\U0001f600\U00010400\U00010428\U0001e900\U0001e922\U00010107\U0001f100\U0001d7ce\U000e0001"
SURR = "\ud800\udc80\udfff\ud83d\ude00\udcff\udbff\udc00"
POOLS = [ASCII, ASCII + LATIN1, ASCII + BMP, ASCII + LATIN1 + BMP + ASTRAL, ASCII + SURR + BMP, "aA \u03a3'\"-"]


def hx(s):
    return s.encode("utf-8", "surrogatepass").hex()


def rstr(rng, maxlen=10, pool=None):
    pool = pool or rng.choice(POOLS)
    return "".join(rng.choice(pool) for _ in range(rng.randrange(maxlen + 1)))


def rint(rng):
    return rng.choice([None, 0, 1, 2, 3, -1, -2, -3, 5, 8, 12, -20, 100, -100, 2**62, -(2**62)])


def oi(x):
    return "-" if x is None else str(x)


def render(fn):
    try:
        v = fn()
    except UnicodeError as e:
        return f"U {e.encoding} {e.start} {e.end} {e.reason.encode().hex()} {str(e).encode().hex()}"
    except (ValueError, IndexError, OverflowError, TypeError, LookupError, MemoryError) as e:
        return f"E {type(e).__name__} {str(e).encode().hex()}"
    if isinstance(v, bool):
        return f"B {int(v)}"
    if isinstance(v, int):
        return f"I {v}"
    if isinstance(v, str):
        return f"S {hx(v)}"
    if isinstance(v, bytes):
        return f"Y {v.hex()}"
    return "L " + ",".join(hx(x) for x in v)


def cmp(a, b):
    return (a > b) - (a < b)


def fam_case(rng):
    out = []
    names = ["lower", "upper", "casefold", "swapcase", "capitalize", "title"]
    for _ in range(8000):
        s, m = rstr(rng, 8), rng.choice(names)
        out.append((f"{m}\t{hx(s)}", render(lambda: getattr(s, m)())))
    # every code point of the BMP in chunks, and each special one alone
    for m in names:
        for start in range(0, 0x10000, 64):
            s = "".join(chr(c) for c in range(start, start + 64))
            out.append((f"{m}\t{hx(s)}", render(lambda: getattr(s, m)())))
    return out


PREDICATES = ["isalpha", "isdecimal", "isdigit", "isnumeric", "isalnum", "isspace", "isprintable",
              "isascii", "isidentifier", "isupper", "islower", "istitle"]


def fam_predicates(rng):
    out = []
    for _ in range(8000):
        pool = rng.choice(POOLS + ["aAbB", "0123\u0660\u00b2\u2155", " \t\u3000\x85", "Ab Cd\u01c5"])
        s, m = rstr(rng, 5, pool), rng.choice(PREDICATES)
        out.append((f"{m}\t{hx(s)}", render(lambda: getattr(s, m)())))
    for _ in range(6000):
        c = chr(rng.randrange(0x110000))
        m = rng.choice(PREDICATES)
        out.append((f"{m}\t{hx(c)}", render(lambda: getattr(c, m)())))
    return out


def fam_props(rng):
    """Every code point: the predicates and case mappings of the one-character string."""
    out = []
    for start in range(0, 0x110000, 512):
        parts = []
        for cp in range(start, start + 512):
            c = chr(cp)
            mask = sum(int(getattr(c, m)()) << k for k, m in enumerate(PREDICATES))
            parts.append(f"{mask:x}:{hx(c.lower())}:{hx(c.upper())}:{hx(c.title())}:{hx(c.casefold())}")
        out.append((f"props\t{start}\t512", "P " + ";".join(parts)))
    return out


def fam_ctype(rng):
    out = []
    cps = [rng.randrange(0x110000) for _ in range(3000)]
    cps += [c for c in range(0x3000) if unicodedata.numeric(chr(c), None) is not None]
    for c in cps:
        ch = chr(c)
        d, g, n = (unicodedata.decimal(ch, None), unicodedata.digit(ch, None), unicodedata.numeric(ch, None))
        exp = f"C {oi(d)} {oi(g)} {'-' if n is None else repr(n)} {_sre.unicode_tolower(c)}"
        out.append((f"ctype\t{c}", exp))
    return out


def fam_search(rng):
    out = []
    for _ in range(12000):
        pool = rng.choice(POOLS)
        s = rstr(rng, 12, pool)
        sub = s[rng.randrange(len(s) + 1):][:rng.randrange(4)] if rng.random() < 0.7 else rstr(rng, 2, pool)
        m = rng.choice(["find", "rfind", "index", "rindex", "count", "startswith", "endswith", "contains"])
        if m == "contains":
            out.append((f"contains\t{hx(s)}\t{hx(sub)}", render(lambda: sub in s)))
            continue
        a, b = (rint(rng), rint(rng)) if rng.random() < 0.6 else (None, None)
        out.append((f"{m}\t{hx(s)}\t{hx(sub)}\t{oi(a)}\t{oi(b)}", render(lambda: getattr(s, m)(sub, a, b))))
    return out


def fam_longsearch(rng):
    """Long haystacks over tiny alphabets whose code units share low bytes (a, \u0161,
    \U00010061), so the skip tables' collisions and the kind conversions are exercised."""
    out = []
    alphabets = ["ab", "aab", "ab\u0161", "a\u0161\U00010061b", "ab\u0161\ud861", "abc" + "\xe1"]
    for _ in range(6000):
        pool = rng.choice(alphabets)
        s = "".join(rng.choice(pool) for _ in range(rng.randrange(20, 200)))
        k = rng.randrange(len(s))
        sub = s[k:k + rng.randrange(2, 12)] if rng.random() < 0.7 else "".join(
            rng.choice(pool) for _ in range(rng.randrange(2, 8)))
        m = rng.choice(["find", "rfind", "count", "split", "rsplit", "replace", "partition", "rpartition"])
        if m in ("split", "rsplit"):
            n = rng.choice([-1, 1, 3])
            out.append((f"{m}\t{hx(s)}\t{hx(sub)}\t{n}", render(lambda: getattr(s, m)(sub, n))))
        elif m == "replace":
            n = rng.choice([-1, 2])
            out.append((f"replace\t{hx(s)}\t{hx(sub)}\t{hx('X')}\t{n}", render(lambda: s.replace(sub, "X", n))))
        elif m in ("partition", "rpartition"):
            out.append((f"{m}\t{hx(s)}\t{hx(sub)}", render(lambda: getattr(s, m)(sub))))
        else:
            a, b = (rint(rng), rint(rng)) if rng.random() < 0.3 else (None, None)
            out.append((f"{m}\t{hx(s)}\t{hx(sub)}\t{oi(a)}\t{oi(b)}", render(lambda: getattr(s, m)(sub, a, b))))
    return out


def fam_replace(rng):
    out = []
    for _ in range(4000):
        pool = rng.choice(POOLS)
        s = rstr(rng, 12, pool)
        old = s[rng.randrange(len(s) + 1):][:rng.randrange(3)] if rng.random() < 0.8 else rstr(rng, 2, pool)
        new = rstr(rng, 3, pool)
        n = rng.choice([-1, -1, 0, 1, 2, 3, 100])
        out.append((f"replace\t{hx(s)}\t{hx(old)}\t{hx(new)}\t{n}", render(lambda: s.replace(old, new, n))))
    return out


def fam_split(rng):
    out = []
    ws = " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u2029\u3000\u200b"
    for _ in range(10000):
        pool = rng.choice(POOLS + ["a b" + ws, "a,b,,", "ab\r\n\n\r"])
        s = rstr(rng, 14, pool)
        m = rng.choice(["split", "rsplit", "partition", "rpartition", "splitlines"])
        if m == "splitlines":
            k = rng.randrange(2)
            s = rstr(rng, 10, "ab\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029 \t" + rng.choice(POOLS))
            out.append((f"splitlines\t{hx(s)}\t{k}", render(lambda: s.splitlines(k))))
            continue
        sep = None if m in ("split", "rsplit") and rng.random() < 0.4 else (
            s[rng.randrange(len(s) + 1):][:rng.randrange(3)] if rng.random() < 0.7 else rstr(rng, 2, pool))
        if m in ("split", "rsplit"):
            n = rng.choice([-1, -1, 0, 1, 2, 3])
            out.append((f"{m}\t{hx(s)}\t{'-' if sep is None else hx(sep)}\t{n}", render(lambda: getattr(s, m)(sep, n))))
        else:
            out.append((f"{m}\t{hx(s)}\t{hx(sep)}", render(lambda: getattr(s, m)(sep))))
    return out


def fam_strip(rng):
    out = []
    for _ in range(5000):
        pool = rng.choice(POOLS + [" \t\u3000\x85ab\u2028"])
        s = rstr(rng, 10, pool)
        m = rng.choice(["strip", "lstrip", "rstrip", "removeprefix", "removesuffix"])
        if m.startswith("remove"):
            x = s[:rng.randrange(len(s) + 1)] if m == "removeprefix" else s[rng.randrange(len(s) + 1):]
            if rng.random() < 0.3:
                x = rstr(rng, 2, pool)
            out.append((f"{m}\t{hx(s)}\t{hx(x)}", render(lambda: getattr(s, m)(x))))
        else:
            chars = None if rng.random() < 0.5 else rstr(rng, 3, pool)
            out.append((f"{m}\t{hx(s)}\t{'-' if chars is None else hx(chars)}", render(lambda: getattr(s, m)(chars))))
    return out


def fam_layout(rng):
    out = []
    for _ in range(6000):
        pool = rng.choice(POOLS + ["+-0a", "a\tb\n\r\t"])
        s = rstr(rng, 8, pool)
        m = rng.choice(["center", "ljust", "rjust", "zfill", "expandtabs", "join"])
        w = rng.choice([-1, 0, 1, 2, 3, 5, 8, 11, 12])
        if m == "zfill":
            out.append((f"zfill\t{hx(s)}\t{w}", render(lambda: s.zfill(w))))
        elif m == "expandtabs":
            out.append((f"expandtabs\t{hx(s)}\t{w}", render(lambda: s.expandtabs(w))))
        elif m == "join":
            items = [rstr(rng, 3, pool) for _ in range(rng.randrange(4))]
            enc = "-" if not items else ",".join(hx(x) for x in items)
            out.append((f"join\t{hx(s[:2])}\t{enc}", render(lambda: s[:2].join(items))))
        else:
            f = rng.choice(" *\u03a3\U0001f600\ud800")
            out.append((f"{m}\t{hx(s)}\t{w}\t{hx(f)}", render(lambda: getattr(s, m)(w, f))))
    return out


def fam_sequence(rng):
    out = []
    for _ in range(8000):
        s = rstr(rng, 10)
        m = rng.choice(["getitem", "slice", "mul", "concat", "cmp", "eq", "len", "kind", "utf8"])
        if m == "getitem":
            i = rng.randrange(-12, 12)
            out.append((f"getitem\t{hx(s)}\t{i}", render(lambda: s[i])))
        elif m == "slice":
            a, b, c = rint(rng), rint(rng), rng.choice([None, 1, 2, 3, -1, -2, -3, 0, 2**62])
            out.append((f"slice\t{hx(s)}\t{oi(a)}\t{oi(b)}\t{oi(c)}", render(lambda: s[a:b:c])))
        elif m == "mul":
            n = rng.choice([-1, 0, 1, 2, 3, 2**62 if s else 5])
            out.append((f"mul\t{hx(s)}\t{n}", render(lambda: s * n)))
        elif m in ("concat", "cmp", "eq"):
            t = rstr(rng, 10) if rng.random() < 0.5 else s[:rng.randrange(len(s) + 1)]
            f = {"concat": lambda: s + t, "cmp": lambda: cmp(s, t), "eq": lambda: s == t}[m]
            out.append((f"{m}\t{hx(s)}\t{hx(t)}", render(f)))
        elif m == "len":
            out.append((f"len\t{hx(s)}", render(lambda: len(s))))
        elif m == "kind":
            mx = max(map(ord, s), default=0)
            out.append((f"kind\t{hx(s)}", render(lambda: 1 if mx < 256 else 2 if mx < 65536 else 4)))
        else:
            def u8():
                try:
                    return s.encode("utf-8").decode("latin-1").encode("latin-1").decode("latin-1") and f"S {s.encode().hex()}"
                except UnicodeEncodeError:
                    return "E None 00"
            e = u8() if s else "S "
            out.append((f"utf8\t{hx(s)}", e))
    return out


def fam_repr(rng):
    out = []
    for _ in range(4000):
        s = rstr(rng, 8, rng.choice(POOLS + ["'\"ab"]))
        m = rng.choice(["repr", "ascii"])
        out.append((f"{m}\t{hx(s)}", render(lambda: (repr if m == 'repr' else ascii)(s))))
    for start in range(0, 0x110000, 256):
        s = "".join(chr(c) for c in range(start, start + 256))
        out.append((f"repr\t{hx(s)}", render(lambda: repr(s))))
    return out


ENCODINGS = ["utf-8", "ascii", "latin-1", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
             "utf-32-be", "UTF8", "latin1", "iso-8859-1", "us-ascii", "utf_16", "nonesuch"]
ERRORS = ["strict", "ignore", "replace", "backslashreplace", "surrogateescape", "surrogatepass",
          "xmlcharrefreplace"]


def fam_encode(rng):
    out = []
    for _ in range(8000):
        s = rstr(rng, 8, rng.choice(POOLS + ["a\udc80\udcff\ud800\xe9\u20ac"]))
        enc, err = rng.choice(ENCODINGS[:-1] if rng.random() < 0.98 else ENCODINGS), rng.choice(ERRORS)
        out.append((f"encode\t{hx(s)}\t{enc}\t{err}", render(lambda: s.encode(enc, err))))
    return out


def rbytes(rng):
    k = rng.randrange(4)
    if k == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(10)))
    if k == 1:  # valid-ish UTF-8 with damage
        b = bytearray(rstr(rng, 6).encode("utf-8", "surrogatepass"))
        for _ in range(rng.randrange(3)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        if b and rng.random() < 0.3:
            del b[-1]
        return bytes(b)
    if k == 2:  # UTF-16/32 material
        enc = rng.choice(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-32"])
        b = bytearray(rstr(rng, 5).encode(enc, "surrogatepass"))
        if b and rng.random() < 0.4:
            b[rng.randrange(len(b))] = rng.choice([0x00, 0xd8, 0xdc, 0xff, 0x11, 0x41])
        if b and rng.random() < 0.3:
            del b[-rng.randrange(1, 4):]
        return bytes(b)
    return bytes(rng.choice([0x41, 0x80, 0xc3, 0xa9, 0xed, 0xa0, 0xb0, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0xfe,
                             0x00, 0xd8, 0xdc, 0xe0, 0xf4, 0x90, 0xc0]) for _ in range(rng.randrange(9)))


def fam_decode(rng):
    out = []
    for _ in range(10000):
        b = rbytes(rng)
        enc, err = rng.choice(ENCODINGS[:-1] if rng.random() < 0.98 else ENCODINGS), rng.choice(ERRORS)
        out.append((f"decode\t{b.hex()}\t{enc}\t{err}", render(lambda: b.decode(enc, err))))
    return out


def fam_charmap(rng):
    """The table-driven codecs of the Lib's encodings package, through _codecs.charmap_*."""
    import codecs
    import importlib
    out = []
    names = ["cp1252", "cp437", "cp850", "koi8_r", "mac_roman", "cp1251", "iso8859_15", "cp037",
             "cp1253", "cp874", "iso8859_8", "hp_roman8"]
    tables = {n: importlib.import_module("encodings." + n).decoding_table for n in names}
    for _ in range(5000):
        n = rng.choice(names)
        t = tables[n]
        err = rng.choice(ERRORS)
        if rng.random() < 0.5:
            b = bytes(rng.randrange(256) for _ in range(rng.randrange(8)))
            out.append((f"charmap_decode\t{b.hex()}\t{hx(t)}\t{err}",
                        render(lambda: codecs.charmap_decode(b, err, t)[0])))
        else:
            pool = t.replace("\ufffe", "") + "\u0100\u20ac\U0001f600\udc81\udcff\ud800\u0101"
            s = "".join(rng.choice(pool) for _ in range(rng.randrange(8)))
            m = codecs.charmap_build(t)
            out.append((f"charmap_encode\t{hx(s)}\t{hx(t)}\t{err}",
                        render(lambda: codecs.charmap_encode(s, err, m)[0])))
    return out


def fam_escape(rng):
    """unicode_escape / raw_unicode_escape, both ways, with the DeprecationWarning text."""
    import warnings
    out = []
    pieces = [b"a", b"\\", b"\\\\", b"\\x4", b"\\x41", b"\\u00e9", b"\\u12", b"\\U0001F600", b"\\U00110000",
              b"\\N{EM DASH}", b"\\N{em dash}", b"\\N{", b"\\N{}", b"\\N{NO SUCH NAME}", b"\\Nx", b"\\q", b"\\777",
              b"\\0", b"\\12", b"\\n", b"\\t", b"\\'", b"\\\n", b"\xe9", b"\x80", b"}", b"{", b"u", b"U", b"0",
              b"g", b"\\u", b"\\U", b"\\x"]
    for _ in range(6000):
        if rng.random() < 0.3:
            s = rstr(rng, 8)
            raw = rng.random() < 0.5
            enc = "raw_unicode_escape" if raw else "unicode_escape"
            out.append((f"encode_escape\t{hx(s)}\t{'raw' if raw else 'std'}", render(lambda: s.encode(enc))))
            continue
        b = b"".join(rng.choice(pieces) for _ in range(rng.randrange(6)))
        raw = rng.random() < 0.4
        err = rng.choice(["strict", "strict", "replace", "ignore", "backslashreplace", "surrogateescape"])
        if raw:
            out.append((f"decode_escape\t{b.hex()}\traw\t{err}", render(lambda: b.decode("raw_unicode_escape", err))))
            continue
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            r = render(lambda: b.decode("unicode_escape", err))
            # Once an error handler has run, CPython 3.13 formats the warning from a pointer
            # into a freed copy of the input (garbage text): compare the warning only when
            # no error occurred.
            clean = not render(lambda: b.decode("unicode_escape")).startswith("U ")
        if r.startswith("S ") and clean:
            msg = str(w[0].message) if w else ""
            r += " W " + msg.encode().hex()
        flag = "" if clean else "\tnowarn"
        out.append((f"decode_escape\t{b.hex()}\tstd\t{err}{flag}", r))
    return out


def fam_translate(rng):
    out = []
    for _ in range(3000):
        pool = rng.choice(POOLS)
        s = rstr(rng, 10, pool)
        table, enc = {}, []
        for c in set(rng.choice(pool) for _ in range(rng.randrange(5))):
            k = rng.randrange(3)
            if k == 0:
                table[ord(c)] = None
                enc.append(f"{ord(c)}=-")
            elif k == 1:
                v = rng.randrange(0x110000)
                table[ord(c)] = v
                enc.append(f"{ord(c)}=#{v}")
            else:
                v = rstr(rng, 3, pool)
                table[ord(c)] = v
                enc.append(f"{ord(c)}={hx(v)}")
        out.append((f"translate\t{hx(s)}\t{','.join(enc)}", render(lambda: s.translate(table))))
    return out


FAMILIES = {
    "case": fam_case,
    "predicates": fam_predicates,
    "props": fam_props,
    "ctype": fam_ctype,
    "search": fam_search,
    "longsearch": fam_longsearch,
    "replace": fam_replace,
    "split": fam_split,
    "strip": fam_strip,
    "layout": fam_layout,
    "sequence": fam_sequence,
    "repr": fam_repr,
    "encode": fam_encode,
    "decode": fam_decode,
    "charmap": fam_charmap,
    "escape": fam_escape,
    "translate": fam_translate,
}


def find_tool():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "taipan-vm", "--bin", "strings-probe"],
                   cwd=ROOT, check=True)
    return os.path.join(target, "release", "strings-probe")


def read_thresholds():
    out = {}
    if os.path.exists(THRESHOLDS):
        for line in open(THRESHOLDS):
            parts = line.split()
            if len(parts) == 2 and not line.startswith("#"):
                out[parts[0]] = float(parts[1])
    return out


def main():
    verbose = "-v" in sys.argv
    check = "--check" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("-")]
    tool = find_tool()
    all_cases = []
    for name, fn in FAMILIES.items():
        if only and name not in only:
            continue
        for c, e in fn(random.Random(f"strings-{name}")):
            all_cases.append((name, c, e))
    inp = "".join(c + "\n" for _, c, _ in all_cases)
    proc = subprocess.run([tool], input=inp.encode(), capture_output=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        return 1
    got = proc.stdout.decode().split("\n")
    stats, shown = {}, {}
    for k, (name, c, e) in enumerate(all_cases):
        g = got[k] if k < len(got) else "<missing>"
        st = stats.setdefault(name, [0, 0])
        st[1] += 1
        if g == e:
            st[0] += 1
        elif verbose and shown.get(name, 0) < 8:
            shown[name] = shown.get(name, 0) + 1
            print(f"  {name}: {c!r}\n    expected {e}\n    got      {g}")
    thresholds = read_thresholds()
    failed = False
    total = [0, 0]
    for name, (ok, n) in stats.items():
        total[0] += ok
        total[1] += n
        pct = 100.0 * ok / n if n else 100.0
        print(f"  {name}: {ok}/{n} identical ({pct:.2f}%)")
        if check and pct + 1e-9 < thresholds.get(name, 0.0):
            print(f"  {name}: below threshold {thresholds[name]}")
            failed = True
    pct = 100.0 * total[0] / total[1] if total[1] else 100.0
    print(f"strings: {total[0]}/{total[1]} identical ({pct:.2f}%)")
    if check and not only and pct + 1e-9 < thresholds.get("strings", 0.0):
        print(f"strings: below threshold {thresholds['strings']}")
        failed = True
    return 1 if failed else 0


sys.exit(main())
