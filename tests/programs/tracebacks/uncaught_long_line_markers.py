def compute(a, b, c, d):
    return a + b + c + d
result = compute(1, 2, 3, 4) + compute(1, 2, 3, None if True else 4) + compute(5, 6, 7, 8)
