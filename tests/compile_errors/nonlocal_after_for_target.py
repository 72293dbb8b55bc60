def f():
    x = 1
    def g():
        for x in y:
            pass
        nonlocal x
