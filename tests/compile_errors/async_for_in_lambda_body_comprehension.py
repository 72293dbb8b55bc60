async def f():
    return lambda: [i async for i in x]
