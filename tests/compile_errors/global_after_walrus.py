def f():
    if (x := 1):
        pass
    global x
