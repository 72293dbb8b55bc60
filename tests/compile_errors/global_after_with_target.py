def f():
    with open("f") as x:
        pass
    global x
