async def f():
    yield 1
    lam = lambda: 1
    return lam
