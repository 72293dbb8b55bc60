tests = [(1.5, "d"), ("s", "d"), (1, "s"), (1, ",s"), (1j, "%"), ("s", ",")]
for v, spec in tests:
    try:
        print(format(v, spec))
    except ValueError as e:
        print(repr(spec), type(v).__name__, "->", e)
