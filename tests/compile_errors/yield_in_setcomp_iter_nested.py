def f():
    return {x for x in z for y in (yield)}
