def f(x):
    match x:
        case 1 | y:
            pass
