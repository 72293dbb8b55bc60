def f[P, **P]():
    pass
