def f():
    type A = (yield)
