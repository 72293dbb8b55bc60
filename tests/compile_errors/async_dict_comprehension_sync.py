def f():
    return {i: i async for i in x}
