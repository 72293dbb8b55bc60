def f(a, b=1, **kw):
    def g():
        pass
    global kw
