class C:
    async for i in x:
        pass
