def f():
    while a(x for x in b):
        c()
