for v in [5, "s", 2.5, True, b"b", [1], (1,), {1: 2}, None]:
    match v:
        case int(x) if not isinstance(v, bool):
            print("int", x)
        case bool(x):
            print("bool", x)
        case str(x):
            print("str", x)
        case _:
            print("other", type(v).__name__)
