def f():
    g = lambda: x
    x = 1
    global x
