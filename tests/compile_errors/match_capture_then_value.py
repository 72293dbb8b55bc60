def f(p):
    match p:
        case [x]:
            pass
        case other:
            pass
        case 3:
            pass
