def f():
    y = *a, *b
    z = *c
