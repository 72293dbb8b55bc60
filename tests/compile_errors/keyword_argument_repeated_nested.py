def g():
    return dict(a=1, b=2, a=3)
