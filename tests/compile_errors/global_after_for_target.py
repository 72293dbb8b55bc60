def f():
    for x in range(3):
        pass
    global x
