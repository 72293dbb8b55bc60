def f():
    if y:
        print(x)
    else:
        global x
