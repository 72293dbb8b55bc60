def f():
    class C:
        x = yield 1
