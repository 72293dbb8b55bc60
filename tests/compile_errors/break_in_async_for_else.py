async def f():
    async for i in x:
        pass
    else:
        break
