def evaluate(expr):
    match expr:
        case ("num", n):
            return n
        case ("add", left, right):
            return evaluate(left) + evaluate(right)
        case ("mul", left, right):
            return evaluate(left) * evaluate(right)
        case ("neg", inner):
            return -evaluate(inner)
        case _:
            raise ValueError(f"bad expr {expr!r}")
print(evaluate(("add", ("num", 2), ("mul", ("num", 3), ("neg", ("num", 4))))))
try:
    evaluate(("div", 1, 2))
except ValueError as e:
    print(e)
