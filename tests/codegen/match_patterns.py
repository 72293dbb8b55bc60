def f(x):
    match x:
        case 1 | 2:
            pass
        case [a, *b] if a:
            return a
        case {"k": v, **rest}:
            return v
        case Point(x=0, y=yy) as p:
            return p
        case (1, _, *_, 3):
            pass
        case None:
            pass
        case _:
            return 0
