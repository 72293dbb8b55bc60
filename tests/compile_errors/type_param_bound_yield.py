def f():
    def g[T: (yield)]():
        pass
