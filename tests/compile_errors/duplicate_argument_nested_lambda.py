def f():
    return lambda a, b, *, b=1: a
