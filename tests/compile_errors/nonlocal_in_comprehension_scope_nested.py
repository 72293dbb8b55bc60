def f():
    def g():
        nonlocal missing
        return [missing for _ in range(1)]
    return g
