async def f():
    return [(yield) async for i in x]
