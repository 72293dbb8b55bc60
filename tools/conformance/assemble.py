"""Conformance of taipan's flow-graph optimizer and assembler, tested alone.

    tools/ref.sh tools/conformance/assemble.py [--check] [--bin PATH (default: release build)] [--files F ...] [--show N]

For every .py file of the reference's Lib that CPython compiles, at -O0 and -OO: the
reference's own code generation (`_testinternalcapi.compiler_codegen(ast.parse(src),
path, optimize, 0)`: the module's instruction sequence and metadata) is written as marshal
data, `taipan explain assemble` runs taipan's optimizer and assembler on it (what CPython's
`optimize_and_assemble_code_unit` does), and the code object it returns is compared,
every co_* attribute recursively, with the reference's `compile(src, path, 'exec',
optimize=…)`.

compiler_codegen exposes the metadata (constants, names, …) of the module's unit only;
its nested units come as instruction sequences without their constants. So the module's
code object is assembled by taipan and its nested code objects are the reference's own
(from the metadata's constants); nested units are compared end to end by
tools/conformance/compile.py.

Prints `assemble: N/M identical (P%)` per optimization level and the differing files. With
`--check`, exits 1 when the -O0 figure drops below tests/conformance/thresholds/assemble.txt.
"""
import os
import sys

sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import argparse  # noqa: E402
import ast  # noqa: E402
import dis  # noqa: E402
import marshal  # noqa: E402
import multiprocessing  # noqa: E402
import subprocess  # noqa: E402
import sysconfig  # noqa: E402
import tempfile  # noqa: E402
import warnings  # noqa: E402

import _testinternalcapi  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
THRESHOLD = os.path.join(ROOT, "tests", "conformance", "thresholds", "assemble.txt")
CO_FAST_HIDDEN = 0x10


def lib_files():
    lib = sysconfig.get_path("stdlib")
    out = []
    for d, dirs, files in os.walk(lib):
        dirs[:] = sorted(x for x in dirs if x != "site-packages")
        out.extend(os.path.join(d, f) for f in sorted(files) if f.endswith(".py"))
    return sorted(out)


def ordered(d):
    return tuple(k for k, _ in sorted(d.items(), key=lambda kv: kv[1]))


def const_value(k):
    # consts_dict_keys_inorder: a tuple key is (…, value)
    return k[1] if type(k) is tuple else k


CODE = type(compile("", "", "exec"))
RETURN_VALUE = __import__("opcode").opmap["RETURN_VALUE"]
SHAPE_OPS = {__import__("opcode").opmap[n] for n in (
    "LOAD_CONST", "RETURN_CONST", "IS_OP", "TO_BOOL", "POP_JUMP_IF_NONE", "POP_JUMP_IF_NOT_NONE",
    "POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "BUILD_TUPLE", "RETURN_VALUE", "UNARY_NOT", "COMPARE_OP",
    "CONTAINS_OP")}
SAME = {__import__("opcode").opmap[a]: __import__("opcode").opmap[b] for a, b in (
    ("POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE"), ("POP_JUMP_IF_NOT_NONE", "POP_JUMP_IF_NONE"))}
HAS_CONST = {op for op in range(256) if __import__("_opcode").has_const(op)}
SKIPPED = [0, 0]  # nested units kept from the reference, nested units in all


def unit_of(insts, meta, code):
    """The marshal form `taipan explain assemble` reads, for the module unit."""
    consts = [const_value(k) for k in ordered(meta["consts"])]
    return build_unit(insts, consts, ordered(meta["names"]), ordered(meta["varnames"]),
                      ordered(meta["cellvars"]), ordered(meta["freevars"]), meta["argcount"],
                      meta["posonlyargcount"], meta["kwonlyargcount"], code)


def build_unit(insts, consts, names, varnames, cellvars, freevars, argcount, posonly, kwonly, code):
    instrs = tuple((op, 0 if arg is None else arg, l, el, c, ec) for op, arg, l, el, c, ec in insts.get_instructions())
    lpnames, lpkinds = _marshal_fields(code)
    hidden = tuple(n for n, k in zip(lpnames, lpkinds) if k & CO_FAST_HIDDEN)
    slots = [i for i, c in enumerate(consts) if type(c) is CODE]
    SKIPPED[1] += len(slots)
    nested = []
    used_slots = []
    children = insts.get_nested()
    if len(children) == len(slots):
        for child, slot in zip(children, slots):
            u = child_unit(child, consts[slot])
            if u is None:
                SKIPPED[0] += 1
                continue
            consts[slot] = None
            nested.append(u)
            used_slots.append(slot)
    else:
        SKIPPED[0] += len(slots)
    return (code.co_name, code.co_qualname, tuple(consts), names, varnames, cellvars, freevars, hidden,
            argcount, posonly, kwonly, code.co_firstlineno, code.co_flags, instrs, tuple(nested), tuple(used_slots))


def child_unit(insts, code):
    """A nested unit: compiler_codegen gives its instructions only, so its metadata is
    recovered from the reference's code object. Constants are added in the order the
    instructions first load them, so they are the code object's when the optimizer
    neither dropped nor added any (None otherwise: the reference's code object is kept)."""
    n = 1
    raw = insts.get_instructions()
    for op, arg, *_ in raw:
        if op in HAS_CONST:
            n = max(n, arg + 1)
    final = list(code.co_consts)
    # Where the last constant is loaded only to be returned (an implicit `return None`).
    only_returned = all(raw[i + 1][0] == RETURN_VALUE for i, (op, arg, *_) in enumerate(raw[:-1])
                        if op in HAS_CONST and arg == n - 1) and not (raw and raw[-1][0] in HAS_CONST)
    if len(final) == n:
        consts = final
    elif len(final) == n - 1 and only_returned and not any(c is None for c in final):
        # The usual loss: the None of an implicit `return None` that was unreachable.
        consts = final + [None]
    else:
        return None
    # Check the guess with the reference's own optimizer: from these constants it must
    # end with exactly the code object's.
    instrs = insts.get_instructions()
    trial = list(consts)
    try:
        optimized = _testinternalcapi.optimize_cfg(insts, trial, len(code.co_varnames)).get_instructions()
    except Exception:
        return None
    if len(trial) != len(final) or not all(same_const(a, b) for a, b in zip(trial, final)):
        return None
    # … and load the same constants in the same order, with the same tests around them.
    # (Backward conditional jumps are reversed later: True/False and None/not-None pair up.)
    def shape(pairs):
        return [(SAME.get(op, op), arg if op in HAS_CONST else None) for op, arg in pairs if op in SHAPE_OPS]
    if shape((op, arg) for op, arg, *_ in optimized) != shape((i.opcode, i.arg) for i in dis.get_instructions(code)):
        return None
    if insts.get_instructions() != instrs:
        return None
    # Cells are sorted by name, except that a class's implicit __class__ and __classdict__
    # cells are added after the others.
    special = [n for n in ("__class__", "__classdict__") if n in code.co_cellvars]
    cellvars = tuple(sorted(n for n in code.co_cellvars if n not in special)) + tuple(special)
    return build_unit(insts, consts, code.co_names, code.co_varnames, cellvars,
                      code.co_freevars, code.co_argcount - code.co_posonlyargcount, code.co_posonlyargcount,
                      code.co_kwonlyargcount, code)


def _marshal_fields(code):
    """(localsplusnames, localspluskinds) of a code object, read from its marshal form
    (version 2: no back-references); Python does not expose the kinds."""
    data = marshal.dumps(code.replace(co_consts=()), 2)
    pos = 0

    def skip():
        nonlocal pos
        t = data[pos] & 0x7F
        pos += 1
        if t in b"0NFT.S":
            return None
        if t == ord("i"):
            pos += 4
        elif t == ord("l"):
            n = int.from_bytes(data[pos:pos + 4], "little", signed=True)
            pos += 4 + 2 * abs(n)
        elif t == ord("g"):
            pos += 8
        elif t == ord("y"):
            pos += 16
        elif t in b"stuaA":
            n = int.from_bytes(data[pos:pos + 4], "little")
            pos += 4
            v = data[pos:pos + n]
            pos += n
            return v if t == ord("s") else v.decode("utf-8", "surrogatepass")
        elif t in b"zZ":
            n = data[pos]
            pos += 1 + n
            return data[pos - n:pos].decode("ascii")
        elif t == ord(")"):
            n = data[pos]
            pos += 1
            return [skip() for _ in range(n)]
        elif t in b"([<>":
            n = int.from_bytes(data[pos:pos + 4], "little")
            pos += 4
            return [skip() for _ in range(n)]
        elif t == ord("{"):
            while data[pos] != ord("0"):
                skip()
                skip()
            pos += 1
        elif t == ord("c"):
            pos += 20
            for _ in range(8):
                skip()
            pos += 4
            skip()
            skip()
        else:
            raise ValueError("marshal type %r" % chr(t))
        return None

    assert data[0] & 0x7F == ord("c")
    pos = 21
    skip()
    skip()
    skip()
    names = skip()
    kinds = skip()
    return names, kinds


def localsplusnames(code):
    return _marshal_fields(code)[0]


def code_kinds(code):
    return _marshal_fields(code)[1]


FIELDS = ("co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals", "co_stacksize", "co_flags",
          "co_code", "co_names", "co_varnames", "co_cellvars", "co_freevars", "co_filename", "co_name",
          "co_qualname", "co_firstlineno", "co_linetable", "co_exceptiontable")


def same_const(a, b):
    if type(a) is not type(b):
        return False
    if type(a) is type(compile("", "", "exec")):
        return diff_code(a, b) is None
    if type(a) in (tuple, frozenset):
        if len(a) != len(b):
            return False
        if type(a) is frozenset:
            return sorted(map(repr, a)) == sorted(map(repr, b))
        return all(same_const(x, y) for x, y in zip(a, b))
    if type(a) in (float, complex):
        return repr(a) == repr(b)
    return a == b


def diff_code(got, exp, where=""):
    """None when equal, else a description of the first difference."""
    where = where + "/" + exp.co_qualname
    for f in FIELDS:
        if getattr(got, f) != getattr(exp, f):
            return "%s: %s got %r expected %r" % (where, f, getattr(got, f), getattr(exp, f))
    if _marshal_fields(got) != _marshal_fields(exp):
        return "%s: co_localsplusnames/kinds got %r expected %r" % (where, _marshal_fields(got), _marshal_fields(exp))
    if len(got.co_consts) != len(exp.co_consts):
        return "%s: co_consts got %r expected %r" % (where, got.co_consts, exp.co_consts)
    for i, (a, b) in enumerate(zip(got.co_consts, exp.co_consts)):
        if type(a) is type(exp) and type(b) is type(exp):
            d = diff_code(a, b, where)
            if d:
                return d
        elif not same_const(a, b):
            return "%s: co_consts[%d] got %r expected %r" % (where, i, a, b)
    return None


def prepare(job):
    """(path, optimize) → (path, optimize, unit or None, expected code or None)."""
    path, optimize = job
    try:
        with open(path, "rb") as f:
            source = f.read()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            code = compile(source, path, "exec", dont_inherit=True, optimize=optimize)
            insts, meta = _testinternalcapi.compiler_codegen(ast.parse(source, path), path, optimize, 0)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    SKIPPED[:] = [0, 0]
    unit = unit_of(insts, meta, code)
    return (path, optimize, unit, code, tuple(SKIPPED))


def run_batch(args):
    jobs, binary = args
    batch = [p for p in map(prepare, jobs) if p]
    units = tuple((path, unit) for path, _opt, unit, _code, _s in batch)
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = os.path.join(tmp, "in"), os.path.join(tmp, "out")
        with open(inp, "wb") as f:
            marshal.dump(units, f)
        p = subprocess.run([binary, "explain", "assemble", inp, out], capture_output=True, timeout=600)
        if p.returncode != 0:
            return [(path, opt, "taipan failed: %r" % p.stderr[-300:], s) for path, opt, _u, _c, s in batch]
        with open(out, "rb") as f:
            results = marshal.load(f)
    res = []
    for (path, opt, _unit, code, skipped), got in zip(batch, results):
        if isinstance(got, str):
            res.append((path, opt, "error: " + got, skipped))
        else:
            res.append((path, opt, diff_code(got, code), skipped))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--bin", default=os.environ.get("TAIPAN") or os.path.join(
        os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "release", "taipan"))
    ap.add_argument("--files", nargs="*")
    ap.add_argument("--show", type=int, default=10)
    a = ap.parse_args()
    files = a.files or lib_files()
    jobs = [(f, o) for o in (0, 2) for f in files]
    batches = [(jobs[i:i + 48], a.bin) for i in range(0, len(jobs), 48)]
    with multiprocessing.Pool(2) as pool:
        results = [r for rs in pool.imap_unordered(run_batch, batches) for r in rs]
    figures = {}
    for opt in (0, 2):
        rs = [r for r in results if r[1] == opt]
        ok = sum(1 for r in rs if r[2] is None)
        pct = 100.0 * ok / len(rs) if rs else 0.0
        figures[opt] = pct
        print("assemble%s: %d/%d identical (%.2f%%)" % ("" if opt == 0 else " -OO", ok, len(rs), pct))
        print("  nested units assembled by taipan: %d of %d (the others' constants could not be recovered)"
              % (sum(r[3][1] - r[3][0] for r in rs), sum(r[3][1] for r in rs)))
        for path, _o, d, _s in [r for r in rs if r[2] is not None][:a.show]:
            print("  %s: %s" % (path, d[:400]))
    if a.check:
        with open(THRESHOLD) as f:
            threshold = float(f.read().split()[0])
        if figures[0] < threshold:
            print("assemble: %.2f%% is below the threshold %.2f%%" % (figures[0], threshold))
            sys.exit(1)


if __name__ == "__main__":
    main()
