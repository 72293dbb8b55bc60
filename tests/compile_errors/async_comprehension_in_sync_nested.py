async def outer():
    def inner():
        return [i async for i in x]
    return inner
