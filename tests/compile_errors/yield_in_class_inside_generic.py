def f():
    class C[T]:
        x: (yield)
