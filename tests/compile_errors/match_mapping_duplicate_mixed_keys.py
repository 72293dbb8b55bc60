match x:
    case {True: a, None: b, True: c}:
        pass
