def f():
    return [x for x in range(3) for y in (z := [1])]
