match x:
    case f(a) if:
        pass
