async def f():
    async with a:
    z
