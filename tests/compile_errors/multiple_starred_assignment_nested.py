def f():
    [x, *y, z, *w] = range(10)
