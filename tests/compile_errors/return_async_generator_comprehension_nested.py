async def f():
    async def g():
        yield 1
        return [x for x in y]
