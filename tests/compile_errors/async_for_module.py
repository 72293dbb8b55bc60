async for i in x:
    pass
