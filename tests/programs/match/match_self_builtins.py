for v in [1, "a", b"b", 2.0, [1], (2,), {3: 4}, {5}, frozenset(), True, bytearray(b"x")]:
    match v:
        case bool(b):
            print("bool", b)
        case int(i):
            print("int", i)
        case str(s) | bytes(s):
            print("str/bytes", s)
        case float(f):
            print("float", f)
        case list(l) | tuple(l):
            print("seq", l)
        case dict(d):
            print("dict", d)
        case set(s) | frozenset(s):
            print("set", s)
        case _:
            print("other", v)
