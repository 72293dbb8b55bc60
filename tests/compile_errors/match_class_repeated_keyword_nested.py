def f(v):
    match v:
        case [Point(y=0, y=1)]:
            pass
