def f():
    return list(x for x in [(y := 1)])
