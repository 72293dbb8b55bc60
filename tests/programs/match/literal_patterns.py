def f(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case "hello":
            return "greeting"
        case True:
            return "true"
        case None:
            return "none"
        case -1.5:
            return "neg float"
        case 1j:
            return "imag"
        case b"raw":
            return "bytes"
        case _:
            return "other"
for v in [0, 2, "hello", True, None, -1.5, 1j, b"raw", 1.0, False, "x"]:
    print(repr(v), f(v))
