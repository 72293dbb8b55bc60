def f():
    return [[await z for z in y] for y in x]
