def f(x):
    match x:
        case [a, b]:
            return ("pair", a, b)
        case [a, *_]:
            return ("starts", a)
        case other:
            return ("other", other)
print(f([1, 2]), f([1, 2, 3]), f("no"), f((5,)))
match 5:
    case n if n > 3:
        print("guarded", n)
