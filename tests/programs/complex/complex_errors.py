for expr in ["(1+1j) // 2", "(1+1j) % 2", "(1+1j) < 2", "int(1j)", "float(1j)", "1j / 0", "complex('1+')", "0j ** -1"]:
    try:
        print(eval(expr))
    except Exception as e:
        print(expr, "->", type(e).__name__, e)
