def f(x):
    match x:
        case []:
            return "empty"
        case [x]:
            return f"one {x}"
        case [x, y, *rest] if rest:
            return f"many {x} {y} rest={rest}"
        case (x, y):
            return f"two {x} {y}"
        case [*init, last]:
            return "unreachable"
for v in [[], [1], [1, 2], [1, 2, 3, 4], (7, 8), "ab", range(3), {1, 2}, b"ab"]:
    print(repr(v), f(v))
