class C:
    f = lambda: (yield)
    x = [(yield) for i in range(1)]
