def f():
    if a or b():
        return 1
    else:
        return 2
def g():
    if a:
        x = 1
    else:
        x = 2
    y = a if b else c
    with a:
        pass
    try:
        pass
    except E:
        pass
