def f(a=[(yield) for i in x]):
    pass
