def f():
    try:
        a()
    except* ValueError as e:
        b(e)
    except* TypeError:
        c()
    else:
        d()
    try:
        pass
    except* E:
        pass
    finally:
        z()
