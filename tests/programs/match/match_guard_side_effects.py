def check(x, tag):
    print("guard", tag, x)
    return x > 1
for v in [1, 2]:
    match v:
        case n if check(n, "first"):
            print("first case", n)
        case n if check(n + 5, "second"):
            print("second case", n)
