def f():
    def g():
        pass
    g()
    global g
