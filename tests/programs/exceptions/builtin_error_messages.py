tests = [
    "None + 1", "[] + ()", "'a' - 'b'", "len(5)", "None()", "None[0]", "(1).x", "[].nope",
    "{}.fromkeys(1)", "abs('x')", "-'a'", "~1.5", "1 < 'a'", "[1] < (1,)", "hash([])", "iter(5)",
    "next([])", "int.nope", "object().__dict__", "'abc'[5]", "(1,2)[5]", "{}['x']", "(lambda: 0)(1)",
    "1 @ 2", "'x' % ()", "divmod('a', 1)", "round('x')", "sum(['a'])", "min([])", "max()", "chr('a')",
    "type(1, 2)", "isinstance(1, 1)", "issubclass(1, int)", "getattr(1, 2)", "[].sort(1)",
    "sorted(1)", "bytes('a')", "1 in 2", "print(**{'sep': 1})", "None.__nope__", "import_nope",
]
for t in tests:
    try:
        eval(t)
    except Exception as e:
        print(f"{t!r:30} {type(e).__name__}: {e}")
