@deco(flag=True, flag=False)
def f():
    pass
