for expr in ["1 << -1", "1 >> -1"]:
    try:
        eval(expr)
    except ValueError as e:
        print(type(e).__name__, e)
print(0 << 1000, 1 >> 1000)
