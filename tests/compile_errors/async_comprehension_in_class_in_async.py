async def f():
    class C:
        r = [i async for i in x]
