async def agen():
    if x:
        return 5
    yield 1
