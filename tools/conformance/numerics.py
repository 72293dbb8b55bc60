"""Numerics conformance: taipan's value-level hash and number-formatting algorithms
(crates/taipan-vm/src/{hash,format}, and crates/taipan-dtoa, the float-to-text code shared
with the parser and marshal) against the reference CPython, in bulk.

    tools/ref.sh tools/conformance/numerics.py           # print the figures
    tools/ref.sh tools/conformance/numerics.py --check   # also fail below the thresholds
    tools/ref.sh tools/conformance/numerics.py -v        # list (some) failures per family

Cases are generated deterministically (fixed random seed) per family; the reference computes
each expected result in-process (str/bytes hashes in a child reference process started with
PYTHONHASHSEED=0 and =12345), and the hidden `numerics-probe` binary computes taipan's, all
cases through one stdin/stdout pipe. Thresholds: tests/conformance/thresholds/numerics.txt,
one `FAMILY PERCENT` per line.
"""
import math
import os
import random
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
THRESHOLDS = os.path.join(ROOT, "tests", "conformance", "thresholds", "numerics.txt")
SEEDS = (0, 12345)


def hx(s):
    return s.encode("utf-8", "surrogatepass").hex()


def iarg(x):
    """An int argument for the probe: hex, which has no digit limit."""
    return hex(x)


def fbits(x):
    return str(struct.unpack("<Q", struct.pack("<d", x))[0])


def ok(s):
    return "OK " + hx(s)


def expect(fn, *args):
    try:
        return ok(fn(*args))
    except KeyError as e:
        k = e.args[0]
        return f"ERR KeyError {hx(k if type(k) is str else k.decode('latin-1'))}"
    except (ValueError, OverflowError, TypeError, IndexError, AttributeError) as e:
        return f"ERR {type(e).__name__} {hx(str(e))}"


# ---------------------------------------------------------------- value generators
def gen_floats(rng, n):
    out = [0.0, -0.0, math.inf, -math.inf, 5e-324, -5e-324, 2.2250738585072014e-308,
           2.225073858507201e-308, 1.7976931348623157e308, 0.1, 0.5, 1.0, 1.5, 2.5, 0.125, 0.375,
           1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5, 0.0001, 123456789.0, 1e22, 1e23, 2.0**53,
           2.0**53 + 2, 1/3, 2/3, math.pi, math.e]
    while len(out) < n:
        k = rng.randrange(8)
        if k == 0:
            x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
            if math.isnan(x):
                continue
        elif k == 1:
            x = rng.randrange(-10**6, 10**6) / 10 ** rng.randrange(0, 8)
        elif k == 2:  # exact ties at some decimal position
            x = (rng.randrange(0, 10**4) + 0.5) / 2 ** rng.randrange(0, 6) * rng.choice([1, -1])
        elif k == 3:
            x = rng.random() * 10 ** rng.randrange(-30, 30)
        elif k == 4:
            x = float(rng.randrange(-10**18, 10**18))
        elif k == 5:  # subnormals
            x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(52)))[0]
        elif k == 6:
            x = 10.0 ** rng.randrange(-20, 25) * rng.choice([1, -1, 1.5, 9.5, 0.95])
        else:
            x = rng.randrange(1, 1000) / 8 * rng.choice([1, -1, 10, 100, 0.1])
        out.append(x)
    return out


def gen_ints(rng, n):
    out = [0, 1, -1, 2, -2, 2**61 - 1, 2**61, 2**61 - 2, -(2**61 - 1), -(2**61), 2**63, -2**63,
           2**64, 10**100, -10**100, 2**1000, 999, 1000, -1000, 1234567]
    while len(out) < n:
        k = rng.randrange(4)
        if k == 0:
            x = rng.randrange(-1000, 1000)
        elif k == 1:
            x = rng.getrandbits(rng.randrange(1, 64)) * rng.choice([1, -1])
        elif k == 2:
            x = rng.getrandbits(rng.randrange(64, 400)) * rng.choice([1, -1])
        else:
            x = rng.choice([1, -1]) * (2**61 - 1) * rng.randrange(1, 10**6) + rng.randrange(-3, 3)
        out.append(x)
    return out


ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyz0123456789 ",
    "".join(chr(c) for c in range(0x20, 0x100) if c != 0x7f),
    "αβγδεжзий中文字符€—…\u0100\u07ff\uffff",
    "😀𝔘𐍈\U0010ffff\U00010000ab",
    "\ud800\udfffa\ud83d",
]


def gen_strs(rng, n):
    out = ["", "a", "\x00", "\xff", "\u0100", "\U00010000", "\ud800"]
    while len(out) < n:
        alpha = "".join(rng.sample(ALPHABETS, rng.randrange(1, 3)))
        out.append("".join(rng.choice(alpha) for _ in range(rng.choice([rng.randrange(0, 9), rng.randrange(0, 40)]))))
    return out


# ---------------------------------------------------------------- families
def fam_hash_str(rng):
    cases = []
    for s in gen_strs(rng, 2500):
        for seed in SEEDS:
            cases.append((f"hash_str\t{seed}\t{hx(s)}", ("str", seed, s)))
    for i in range(1500):
        b = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 40)))
        for seed in SEEDS:
            cases.append((f"hash_bytes\t{seed}\t{b.hex()}", ("bytes", seed, b)))
    return cases


def hash_worker():
    """Child mode: read `KIND HEX` per line (str as UTF-8 surrogatepass), print hash()."""
    for line in sys.stdin:
        kind, _, data = line.strip().partition(" ")
        b = bytes.fromhex(data)
        print(hash(b.decode("utf-8", "surrogatepass") if kind == "str" else b))


def expected_hashes(cases):
    by_seed = {}
    for i, (_, (kind, seed, value)) in enumerate(cases):
        by_seed.setdefault(seed, []).append((i, kind, value))
    result = [None] * len(cases)
    for seed, items in by_seed.items():
        env = dict(os.environ, PYTHONHASHSEED=str(seed))
        inp = "".join(f"{k} {hx(v) if k == 'str' else v.hex()}\n" for _, k, v in items)
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--hash-worker"], input=inp,
                              capture_output=True, text=True, env=env, check=True)
        for (i, _, _), h in zip(items, proc.stdout.split()):
            result[i] = ok(h)
    return result


def fam_hash_num(rng):
    cases = []
    for x in gen_ints(rng, 3000):
        cases.append((f"hash_int\t{iarg(x)}", ok(str(hash(x)))))
    for x in gen_floats(rng, 3000):
        cases.append((f"hash_float\t{fbits(x)}", ok(str(hash(x)))))
    fl = gen_floats(rng, 2000)
    for i in range(1000):
        z = complex(fl[2 * i], fl[2 * i + 1])
        cases.append((f"hash_complex\t{fbits(z.real)}\t{fbits(z.imag)}", ok(str(hash(z)))))
    ints = gen_ints(rng, 500)
    for i in range(2000):
        t = tuple(rng.choice(ints) for _ in range(rng.randrange(0, 6)))
        cases.append((f"hash_tuple\t{','.join(map(iarg, t))}", ok(str(hash(t)))))
        fs = frozenset(t)
        cases.append((f"hash_frozenset\t{','.join(map(iarg, fs))}", ok(str(hash(fs)))))
    return cases


def fam_repr(rng):
    cases = []
    for x in gen_floats(rng, 5000) + [math.nan]:
        cases.append((f"repr_float\t{fbits(x)}", ok(repr(x))))
        cases.append((f"parser_repr_float\t{fbits(x)}", ok(repr(x))))
    fl = gen_floats(rng, 2000) + [math.nan, -0.0, 0.0]
    for i in range(1000):
        a, b = rng.choice(fl), rng.choice(fl)
        cases.append((f"repr_complex\t{fbits(a)}\t{fbits(b)}", ok(repr(complex(a, b)))))
        cases.append((f"parser_repr_complex\t{fbits(a)}\t{fbits(b)}", ok(repr(complex(a, b)))))
    return cases


FILLS = ["", "", "", "*", "0", " ", "é", "<", "€"]


def gen_spec(rng, types, prec=0.5, sign=0.3, alt=0.2, z=0.1, aligns="<>=^", group=0.25):
    s = ""
    if rng.random() < 0.4:
        s += rng.choice(FILLS) + rng.choice(aligns)
    if rng.random() < sign:
        s += rng.choice("+- ")
    if rng.random() < z:
        s += "z"
    if rng.random() < alt:
        s += "#"
    if rng.random() < 0.2:
        s += "0"
    if rng.random() < 0.5:
        s += str(rng.randrange(0, 30))
    if rng.random() < group:
        s += rng.choice([",", "_", ",", "_", ",", "_", ",_", "_,"])
    if rng.random() < prec:
        s += "." + str(rng.choice([0, 1, 2, 3, 5, 6, 10, 17, 20, rng.randrange(0, 60)]))
    if rng.random() < 0.9:
        s += rng.choice(types)
    if rng.random() < 0.02:
        s += rng.choice("xyz.,")
    return s


def fam_format_int(rng):
    cases = []
    ints = gen_ints(rng, 1000) + [65, 0x10ffff, 0x110000, -1, 10**4400, 10**4299]
    for i in range(12000):
        x = rng.choice(ints)
        valid = i % 3 != 0
        spec = gen_spec(rng, "bdoxXn" * 6 + "c" + "eEfFgG%sy", prec=0.03 if valid else 0.5, z=0.01 if valid else 0.1,
                        group=0.3 if valid else 0.25)
        cases.append((f"format_int\t{iarg(x)}\t{hx(spec)}", expect(format, x, spec)))
    return cases


def fam_format_float(rng):
    cases = []
    fl = gen_floats(rng, 3000) + [math.nan, -math.nan]
    for i in range(12000):
        x = rng.choice(fl)
        spec = gen_spec(rng, "eEfFgGn%" * 3 + "dxs")
        cases.append((f"format_float\t{fbits(x)}\t{hx(spec)}", expect(format, x, spec)))
    for i in range(4000):  # exact decimal ties: (2k+1) / 2**m has m fractional digits ending in 5
        m = rng.randrange(1, 30)
        x = (2 * rng.randrange(0, 10**rng.randrange(1, 8)) + 1) / 2 ** m * rng.choice([1, -1, 10, 1000])
        p = rng.randrange(max(0, m - 3), m + 1)
        spec = f".{p}" + rng.choice("fe%g")
        cases.append((f"format_float\t{fbits(x)}\t{hx(spec)}", expect(format, x, spec)))
    for x in fl[:2000]:  # correctly rounded fixed/exponent output at many precisions
        spec = rng.choice(["e", "f", "g"]) + "" 
        spec = "." + str(rng.randrange(0, 25)) + spec
        cases.append((f"format_float\t{fbits(x)}\t{hx(spec)}", expect(format, x, spec)))
    return cases


def fam_format_complex(rng):
    cases = []
    fl = gen_floats(rng, 1000) + [0.0, -0.0, math.nan]
    for i in range(3000):
        z = complex(rng.choice(fl), rng.choice(fl))
        spec = gen_spec(rng, "eEfFgGn" * 3 + "%d", aligns="<>^" if i % 3 else "<>=^")
        cases.append((f"format_complex\t{fbits(z.real)}\t{fbits(z.imag)}\t{hx(spec)}", expect(format, z, spec)))
    return cases


def fam_format_str(rng):
    cases = []
    strs = [s for s in gen_strs(rng, 500) if not any(0xd800 <= ord(c) < 0xe000 for c in s)]
    for i in range(4000):
        s = rng.choice(strs)
        valid = i % 3 != 0
        spec = gen_spec(rng, "s" * 8 + "dr", sign=0.02 if valid else 0.3, alt=0.02 if valid else 0.2,
                        z=0.01 if valid else 0.1, aligns="<>^" if valid else "<>=^", group=0.02 if valid else 0.25)
        cases.append((f"format_str\t{hx(s)}\t{hx(spec)}", expect(format, s, spec)))
    return cases


def gen_int_literal(rng):
    base = rng.choice([0, 0, 10, 10, 2, 8, 16, 36, rng.randrange(2, 37), 1, 37])
    b = base if 2 <= base <= 36 else 10
    x = rng.choice(gen_ints(rng, 1)[:0] or [rng.getrandbits(rng.randrange(1, 200))])
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"[:b]
    s = "".join(rng.choice(digits) for _ in range(rng.randrange(0, 12))) or str(x)
    if rng.random() < 0.3:
        i = rng.randrange(0, len(s) + 1)
        s = s[:i] + rng.choice(["_", "__", " ", "x", "٣", "\u00a0", "-", "+"]) + s[i:]
    if rng.random() < 0.2:
        s = rng.choice(["0x", "0o", "0b", "0X", "0"]) + rng.choice(["", "_"]) + s
    if rng.random() < 0.2:
        s = rng.choice(["-", "+", " ", "\t", "\u3000", "\x1c"]) + s
    if rng.random() < 0.2:
        s = s + rng.choice([" ", "\n", "\u2003", "\x00", "_", "j"])
    if rng.random() < 0.05:
        s = s.upper()
    if rng.random() < 0.03:
        s = "1" * rng.choice([4300, 4301, 5000, 300])
    return s, base


def int_or_err(s, base):
    return iarg(int(s, base))


def fam_int_parse(rng):
    cases = []
    for i in range(8000):
        s, base = gen_int_literal(rng)
        cases.append((f"int_from_str\t{hx(s)}\t{base}\t{hx(repr(s))}", expect(int_or_err, s, base)))
    for i in range(3000):
        s, base = gen_int_literal(rng)
        b = s.encode("utf-8")
        cases.append((f"int_from_bytes\t{b.hex()}\t{base}\t{hx(repr(b))}", expect(lambda: iarg(int(b, base)))))
    for x in gen_ints(rng, 1500) + [10**4299, 10**4300, -10**4300 + 1, -10**4300]:
        cases.append((f"int_str\t{iarg(x)}", expect(str, x)))
        for base, fn in ((2, bin), (8, oct), (16, hex)):
            cases.append((f"int_to_radix\t{iarg(x)}\t{base}", ok(fn(x))))
    return cases


def gen_float_literal(rng):
    k = rng.randrange(6)
    if k == 0:
        s = repr(rng.choice(gen_floats(rng, 40)))
    elif k == 1:
        s = rng.choice(["inf", "-inf", "+inf", "Infinity", "-iNfInItY", "nan", "-nan", "+NaN", "infinit", "na",
                        "1e", "1e+", ".", "-.", ".5", "5.", "1.e5", "-.5e-3", "1_0.5", "1__0", "_1", "1_", "1._5",
                        "1e1_0", "0x1p3", "1e400", "-1e400", "1e-400", "2.4703282292062328e-324",
                        "1" * 400, "0." + "0" * 350 + "1", "1e99999999999999999999", "1e-99999999999999999999"])
    elif k == 2:
        s = str(rng.randrange(-10**30, 10**30)) + rng.choice(["", ".", ".0", "e5", "E-7"])
    elif k == 3:
        s = "".join(rng.choice("0123456789._eE+-") for _ in range(rng.randrange(0, 10)))
    elif k == 4:
        s = f"{rng.random():.{rng.randrange(1, 30)}f}"
    else:
        s = rng.choice(["١٢٣.٤", "١e٣", "½", "1.5x", "1\x00"]) 
    if rng.random() < 0.2:
        s = rng.choice([" ", "\t\n", "\u2003", "\x1c", "\x85"]) + s
    if rng.random() < 0.2:
        s = s + rng.choice([" ", "\n", "\u3000", "\x00"])
    return s


CX_ATOMS = ["1", "2.5", "-3", "+4", ".5", "5.", "1e3", "1E-2", "inf", "-inf", "nan", "-nan", "infinity", "j", "J", "+j", "-j",
            "+", "-", "(", ")", " ", "\t", "e", "1_0", "_", "x", "\u3000", "١", "0"]


def complex_expected(s):
    z = complex(s)
    return f"{fbits(z.real)} {fbits(z.imag)}"


def fam_float_parse(rng):
    cases = []
    for i in range(5000):
        s = "".join(rng.choice(CX_ATOMS) for _ in range(rng.randrange(0, 6)))
        if rng.random() < 0.3:
            s = repr(complex(rng.choice(gen_floats(rng, 20)), rng.choice(gen_floats(rng, 20))))
        cases.append((f"complex_from_str\t{hx(s)}\t{hx(repr(s))}", expect(complex_expected, s)))
    for i in range(8000):
        s = gen_float_literal(rng)
        cases.append((f"float_from_str\t{hx(s)}\t{hx(repr(s))}", expect(lambda t: fbits(float(t)), s)))
        if i % 3 == 0:
            b = s.encode("utf-8")
            cases.append((f"float_from_bytes\t{b.hex()}\t{hx(repr(b))}", expect(lambda: fbits(float(b)))))
    return cases


def gen_hex_literal(rng):
    k = rng.randrange(5)
    if k == 0:
        s = rng.choice(gen_floats(rng, 40)).hex()
    elif k == 1:
        s = rng.choice(["", "0x", "-0X", "+"]) + "".join(rng.choice("0123456789abcdefABCDEF") for _ in range(rng.randrange(0, 20)))
        if rng.random() < 0.6:
            s += "." + "".join(rng.choice("0123456789abcdef") for _ in range(rng.randrange(0, 20)))
        if rng.random() < 0.7:
            s += rng.choice("pP") + rng.choice(["", "+", "-"]) + str(rng.choice([rng.randrange(0, 30), rng.randrange(0, 1100), 10**20]))
    elif k == 2:
        s = rng.choice(["inf", "-Infinity", "nan", "-nan", "0x1p1024", "0x1.fffffffffffff8p1023", "0x1.fffffffffffff7p1023",
                        "0x1p-1074", "0x1p-1075", "0x1.8p-1075", "0x1.00000000000008p0", "0x1.00000000000018p0",
                        "0x1.000000000000080000001p0", "0x.8p-1073", "0x1p", "0x.p1", "0x1.p1", ".8", "1.", "0x1p99999999999999999999 junk",
                        "0x0p99999999999999999999", "0x1p-99999999999999999999", "0x" + "f" * 300 + "p-1200", "1e5", "0x1_0"])
    elif k == 3:  # exact halfway cases around 53 bits
        m = rng.getrandbits(54) | (1 << 53)
        s = hex(m) + "p" + str(rng.randrange(-1130, 1000))
    else:
        s = "".join(rng.choice("0x.p+-123abcf") for _ in range(rng.randrange(0, 10)))
    if rng.random() < 0.15:
        s = rng.choice([" ", "\t", "\n "]) + s
    if rng.random() < 0.15:
        s += rng.choice([" ", "\n", "x"])
    return s


def fam_float_hex(rng):
    cases = []
    for x in gen_floats(rng, 3000) + [math.nan]:
        cases.append((f"float_hex\t{fbits(x)}", ok(x.hex())))
    for i in range(6000):
        s = gen_hex_literal(rng)
        cases.append((f"float_fromhex\t{hx(s)}", expect(lambda t: fbits(float.fromhex(t)), s)))
    return cases


def fam_round(rng):
    cases = []
    fl = gen_floats(rng, 3000) + [math.nan, 2.675, 0.125, 0.375, 1.5, 2.5, -0.5, 5e-324, 1.7976931348623157e308]
    for i in range(8000):
        x = rng.choice(fl)
        n = rng.choice([0, 1, 2, 3, -1, -2, rng.randrange(-20, 20), rng.randrange(-330, 330), 400, -400])
        cases.append((f"float_round\t{fbits(x)}\t{n}", expect(lambda: fbits(round(x, n)))))
    ints = gen_ints(rng, 1000) + [15, 25, -25, 35, 150, 250, -250, 5 * 10**30, 15 * 10**30]
    for i in range(3000):
        x = rng.choice(ints)
        n = rng.choice([0, 1, -1, -2, -3, rng.randrange(-40, 5), -100, -500])
        cases.append((f"int_round\t{iarg(x)}\t{iarg(n)}", expect(lambda: iarg(round(x, n)))))
    for x in fl[:3000]:
        cases.append((f"float_round_int\t{fbits(x)}", expect(lambda: iarg(round(x)))))
    return cases


def pvalue(v):
    if type(v) is bool:
        return f"b:{int(v)}"
    if type(v) is int:
        return f"i:{iarg(v)}"
    if type(v) is float:
        return f"f:{fbits(v)}"
    if type(v) in (bytes, bytearray):
        return f"y:{hx(type(v).__name__)}:{bytes(v).hex()}:{hx(repr(v))}"
    if type(v) is str:
        return f"s:{hx(v)}:{hx(repr(v))}:{hx(ascii(v))}"
    return f"o:{hx(type(v).__name__)}:{hx(str(v))}:{hx(repr(v))}:{hx(ascii(v))}"


def pargs(args):
    if type(args) is tuple:
        return "T;" + ";".join(pvalue(v) for v in args)
    if type(args) is dict:
        return "M;" + pvalue(args) + "".join(
            f";{hx(k if type(k) is str else k.decode('latin-1'))}={pvalue(v)}" for k, v in args.items())
    if hasattr(type(args), "__getitem__") and type(args) is not str:  # PyMapping_Check: a "mapping"
        return "M;" + pvalue(args)
    return "S;" + pvalue(args)


PCT_VALUES = [0, 1, -1, 42, -42, 255, 0x10ffff, 0x110000, 2**70, -2**70, 10**4400, True, False, 0.0, -0.0, 1.5, -2.5,
              3.14159, 1e100, -1e-10, math.inf, -math.inf, math.nan, 1e300, "", "a", "abc", "é", "héllo wörld", "'\"",
              "\n", "€", [1, 2], None, (1,), b"x"]


def gen_pct_spec(rng):
    s = "%"
    if rng.random() < 0.08:
        s += "(" + rng.choice(["a", "b", "x", "", "a(b)", "zz"]) + ")"
    s += "".join(rng.choice("-+ #0") for _ in range(rng.choice([0, 0, 1, 2])))
    r = rng.random()
    if r < 0.1:
        s += "*"
    elif r < 0.5:
        s += str(rng.randrange(0, 25))
    if rng.random() < 0.35:
        s += "." + rng.choice(["*", str(rng.randrange(0, 20)), ""])
    if rng.random() < 0.03:
        s += rng.choice("hlL")
    s += rng.choice("diuoxXeEfFgGcsra" * 4 + "%yk")
    return s


def pct_value_for(rng, conv):
    if rng.random() < 0.12:
        return rng.choice(PCT_VALUES)
    if conv in "diuoxX":
        return rng.choice([rng.randrange(-300, 300), rng.getrandbits(rng.randrange(1, 130)) * rng.choice([1, -1]), True]
                          + ([rng.uniform(-1e6, 1e6)] if conv in "diu" else []))
    if conv in "eEfFgG":
        return rng.choice([rng.choice(gen_floats(rng, 40)), rng.randrange(-10**6, 10**6), 2**1100 if rng.random() < 0.02 else 7])
    if conv == "c":
        return rng.choice([rng.randrange(0, 0x3000), rng.choice("aé€😀"), rng.randrange(0x10000, 0x110000)])
    return rng.choice(PCT_VALUES + [rng.randrange(-10**6, 10**6), rng.random() * 1e6])


def fam_percent(rng):
    cases = []
    for i in range(15000):
        pieces, args = [], []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            spec = gen_pct_spec(rng)
            pieces.append(rng.choice(["", "x=", " ", "ab"]) + spec)
            if spec.endswith("%") and spec != "%":
                continue
            for _ in range(spec.count("*")):
                args.append(rng.choice([rng.randrange(-12, 30), rng.randrange(0, 20), 1.5, "3", 2**70, -2**70]) if rng.random() < 0.1
                            else rng.randrange(-12, 30))
            args.append(pct_value_for(rng, spec[-1]))
        fmt = "".join(pieces)
        if rng.random() < 0.03:
            fmt = rng.choice(["%", "abc%", "%(a", "%(a)", "%5", "%.", "%-", "%*", "%%", "100%%", "%(a)s %(b)d", "%s %s"])
        if rng.random() < 0.1:
            fmt += rng.choice(["", " end", "%"])
        if rng.random() < 0.05:
            args = args[:-1] if rng.random() < 0.5 else args + [1]
        if "%(" in fmt or rng.random() < 0.03:
            args = {k: rng.choice(PCT_VALUES[:10] + PCT_VALUES[11:] + [rng.randrange(-99, 99)] * 10)
                    for k in ["a", "b", "x", "a(b)"] if rng.random() < 0.85}
        elif len(args) == 1 and rng.random() < 0.5 and type(args[0]) not in (tuple, list, dict):
            args = args[0]
        else:
            args = tuple(args)
        cases.append((f"percent\t{hx(fmt)}\t{pargs(args)}", expect(lambda: fmt % args)))
    return cases


B_VALUES = [0, 1, -1, 42, 255, 256, -2**70, True, 0.0, -2.5, 1e100, math.nan, 2**1100, b"", b"a", b"xyz", b"\xff\x00",
            bytearray(b"q"), "s", "é", [1], None]


def bpct_value_for(rng, conv):
    if rng.random() < 0.15:
        return rng.choice(B_VALUES)
    if conv in "diuoxX":
        return rng.choice([rng.randrange(-300, 300), rng.getrandbits(rng.randrange(1, 130)) * rng.choice([1, -1])]
                          + ([rng.uniform(-1e6, 1e6)] if conv in "diu" else []))
    if conv in "eEfFgG":
        return rng.choice([rng.choice(gen_floats(rng, 40)), rng.randrange(-10**6, 10**6)])
    if conv == "c":
        return rng.choice([rng.randrange(0, 256), bytes([rng.randrange(256)]), 300])
    return rng.choice(B_VALUES + [bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 8)))] * 5)


def fam_bytes_percent(rng):
    cases = []
    for i in range(8000):
        pieces, args = [], []
        for _ in range(rng.choice([1, 1, 2, 3])):
            spec = gen_pct_spec(rng)
            if spec[-1] in "si" and rng.random() < 0.5:
                spec = spec[:-1] + "b"
            if rng.random() < 0.01:
                spec = spec[:-1] + rng.choice(["\xe9", "\x01"])
            pieces.append(rng.choice(["", "x=", " ", "\xff"]) + spec)
            if spec.endswith("%") and spec != "%":
                continue
            for _ in range(spec.count("*")):
                args.append(rng.randrange(-12, 30) if rng.random() < 0.95 else rng.choice([1.5, b"3", 2**70]))
            args.append(bpct_value_for(rng, spec[-1]))
        fmt = "".join(pieces).encode("latin-1")
        if rng.random() < 0.05:
            args = args[:-1] if rng.random() < 0.5 else args + [1]
        if b"%(" in fmt:
            args = {k: rng.choice(B_VALUES[:6] + B_VALUES[7:12] + B_VALUES[13:]) for k in [b"a", b"b", b"x", b"a(b)"]
                    if rng.random() < 0.85}
        elif len(args) == 1 and rng.random() < 0.5 and type(args[0]) not in (tuple, list, dict, bytes, bytearray):
            args = args[0]
        else:
            args = tuple(args)

        def run():
            return (fmt % args).decode("latin-1")
        cases.append((f"bpercent\t{fmt.hex()}\t{pargs(args)}", expect(run)))
    return cases


def markup_expected(fmt):
    import _string
    parts = []
    try:
        for lit, name, spec, conv in _string.formatter_parser(fmt):
            parts.append(";".join("-" if x is None else hx(x) for x in (lit, name, spec, conv)))
    except ValueError as e:
        parts.append("!" + hx(str(e)))
    return ok("|".join(parts))


def field_split_expected(name):
    import _string
    parts = []
    try:
        first, rest = _string.formatter_field_name_split(name)
        parts.append(f"i{first}" if type(first) is int else "s" + hx(first))
        for is_attr, key in rest:
            parts.append("a" + hx(key) if is_attr else (f"k{key}" if type(key) is int else "K" + hx(key)))
    except ValueError as e:
        parts.append("!" + hx(str(e)))
    return ok("|".join(parts))


MARKUP_ATOMS = ["{", "}", "{{", "}}", "{}", "{0}", "{1}", "{a}", "{0!r}", "{!s:>10}", "{0:{1}}", "{a.b[c]}", "{0[1]}",
                "{[}", "{0!}", "{0!r", "{0!rx}", "{0:", "{0[", "{:{:{}}}", "{٣}", "x", "abc", " ", "é", "€", "!", ":", "[", "]",
                ".", "{0.}", "{0[]}", "{0]x}", "{a[b]c}", "{99999999999999999999}", "{!}", "{:}", "{0:x}}", "{{0}}"]
FIELD_ATOMS = ["", "0", "12", "a", "name", "٣", ".", "[", "]", ".x", "[0]", "[k]", "[", "x]", "..", "[]", "]y",
               "99999999999999999999", "é", "[a.b]", ".[", " "]


def fam_str_format_parse(rng):
    cases = []
    for i in range(6000):
        fmt = "".join(rng.choice(MARKUP_ATOMS) for _ in range(rng.randrange(0, 6)))
        cases.append((f"markup\t{hx(fmt)}", markup_expected(fmt)))
    for i in range(4000):
        name = "".join(rng.choice(FIELD_ATOMS) for _ in range(rng.randrange(0, 5)))
        cases.append((f"field_split\t{hx(name)}", field_split_expected(name)))
    return cases


SF_ATOMS = ["{}", "{}", "{0}", "{1}", "{2}", "{a}", "{b}", "{zz}", "{0!r}", "{!s}", "{!a:>8}", "{0!x}", "{!\x01}",
            "{:{}}", "{0:{1}}", "{:>{}.{}}", "{a:{b}}", "{0:{1:{2}}}", "{:{:{:{}}}}", "{0.real}", "{0.imag}", "{0[1]}",
            "{a[0]}", "{0:d}", "{:x}", "{:,}", "{:.3f}", "{:^9}", " ", "x", "{{", "}}", "é", "{", "}", "{0!r:^12}"]
SF_VALUES = [0, 7, -12345, 2**70, True, 1.5, -0.25, 1e22, math.inf, "", "ab", "héllo", "x'y", "10", [1], None]


SF_AUTO = ["{}", "{!r}", "{:>{}}", "{!s:^7}", "{a}", "{b!r}", " ", "x", "{{", "}}", "é", "{:}", "{a:>5}"]
SF_MANUAL = ["{0}", "{1}", "{2}", "{0!r}", "{1:{2}}", "{a:{b}}", "{0.real}", "{a}", "{b!a}", " ", "x", "{{", "}}", "é"]


def fam_str_format(rng):
    cases = []
    for i in range(8000):
        good = SF_AUTO if i % 2 else SF_MANUAL
        fmt = "".join(rng.choice(SF_ATOMS if rng.random() < 0.15 else good) for _ in range(rng.randrange(1, 5)))
        args = tuple(rng.choice(SF_VALUES + [rng.randrange(0, 20)] * 4) for _ in range(rng.randrange(0, 5) if i % 5 == 0 else 8))
        kwargs = {k: rng.choice(SF_VALUES + [rng.randrange(0, 20)] * 4) for k in ["a", "b"] if rng.random() < 0.7}
        enc = ";".join([pvalue(v) for v in args] + [f"{hx(k)}={pvalue(v)}" for k, v in kwargs.items()])
        cases.append((f"str_format\t{hx(fmt)}\t{enc}", expect(lambda: fmt.format(*args, **kwargs))))
    return cases


FAMILIES = {
    "hash_str": fam_hash_str,
    "hash_num": fam_hash_num,
    "repr": fam_repr,
    "format_int": fam_format_int,
    "format_float": fam_format_float,
    "format_complex": fam_format_complex,
    "format_str": fam_format_str,
    "int_parse": fam_int_parse,
    "float_parse": fam_float_parse,
    "float_hex": fam_float_hex,
    "round": fam_round,
    "percent": fam_percent,
    "bytes_percent": fam_bytes_percent,
    "str_format_parse": fam_str_format_parse,
    "str_format": fam_str_format,
}


def find_tool():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "taipan-vm", "--bin", "numerics-probe"],
                   cwd=ROOT, check=True)
    return os.path.join(target, "release", "numerics-probe")


def read_thresholds():
    out = {}
    if os.path.exists(THRESHOLDS):
        for line in open(THRESHOLDS):
            parts = line.split()
            if len(parts) == 2 and not line.startswith("#"):
                out[parts[0]] = float(parts[1])
    return out


def main():
    if "--hash-worker" in sys.argv:
        return hash_worker()
    verbose = "-v" in sys.argv
    check = "--check" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("-")]
    tool = find_tool()
    all_cases = []
    for name, fn in FAMILIES.items():
        if only and name not in only:
            continue
        rng = random.Random(f"numerics-{name}")
        cases = fn(rng)
        if name == "hash_str":
            exp = expected_hashes(cases)
            cases = [(c, e) for (c, _), e in zip(cases, exp)]
        all_cases.extend((name, c, e) for c, e in cases)
    inp = "".join(c + "\n" for _, c, _ in all_cases)
    proc = subprocess.run([tool], input=inp.encode(), capture_output=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        return 1
    got = proc.stdout.decode().splitlines()
    stats = {}
    fails = {}
    for i, (name, case, exp) in enumerate(all_cases):
        g = got[i] if i < len(got) else "<missing>"
        s = stats.setdefault(name, [0, 0])
        s[1] += 1
        if g == exp:
            s[0] += 1
        else:
            fails.setdefault(name, []).append((case, exp, g))
    thresholds = read_thresholds()
    status = 0
    for name, (good, total) in stats.items():
        pct = 100.0 * good / total
        print(f"{name}: {good}/{total} identical ({pct:.2f}%)")
        if check and pct < thresholds.get(name, 0.0):
            print(f"  below threshold {thresholds[name]}")
            status = 1
        if verbose:
            for case, exp, g in fails.get(name, [])[:25]:
                def show(line):
                    p = line.split(" ", 2)
                    if len(p) >= 2 and p[0] == "OK":
                        return "OK " + repr(bytes.fromhex(p[1]).decode("utf-8", "surrogatepass"))
                    if len(p) == 3:
                        return p[0] + " " + p[1] + " " + repr(bytes.fromhex(p[2]).decode())
                    return line
                args = case.split("\t")
                shown = [args[0]] + [repr(bytes.fromhex(a).decode("utf-8", "replace")) if len(a) % 2 == 0 and all(ch in "0123456789abcdef" for ch in a) and not a.isdigit() else a for a in args[1:]]
                print(f"  {' '.join(shown)}\n    expected {show(exp)}\n    got      {show(g)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
