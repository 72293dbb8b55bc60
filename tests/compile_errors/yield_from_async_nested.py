def outer():
    async def inner():
        x = yield from range(2)
    return inner
