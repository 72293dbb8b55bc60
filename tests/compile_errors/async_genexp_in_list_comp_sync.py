def f():
    return [[j async for j in i] for i in x]
