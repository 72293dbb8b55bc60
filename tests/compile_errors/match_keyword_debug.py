match x:
    case Point(__debug__=1):
        pass
