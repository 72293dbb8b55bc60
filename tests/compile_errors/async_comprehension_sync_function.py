def f():
    return [i async for i in x]
