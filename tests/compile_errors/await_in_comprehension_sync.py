def f():
    return [await i for i in x]
