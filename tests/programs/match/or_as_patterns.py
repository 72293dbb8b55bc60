def f(x):
    match x:
        case [1, (2 | 3) as second] | [second, 9]:
            return f"second={second}"
        case (int() | str()) as v:
            return f"scalar {v!r}"
        case _:
            return "none"
print(f([1, 2]), f([1, 3]), f([7, 9]), f(5), f("s"), f([1, 4]))
