def outer():
    async def agen():
        yield
        return None
    return agen
