sq = lambda x: x * x
print(sq(5), (lambda *a, **k: (a, k))(1, b=2), (lambda x=3: x)(), sq.__name__)
print(list(map(lambda p: p[1], [(1, "a"), (2, "b")])))
print((lambda: (yield))().__class__.__name__)
