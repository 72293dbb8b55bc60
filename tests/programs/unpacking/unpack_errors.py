tests = ["a, b = [1, 2, 3]", "a, b, c = [1, 2]", "a, b = 1", "a, *b, c, d = [1, 2]", "(a, b), c = [1, 2], 3", "a, b = {'x': 1}"]
for t in tests:
    try:
        exec(t)
        print("ok", t)
    except (ValueError, TypeError) as e:
        print(t, "->", type(e).__name__, e)
