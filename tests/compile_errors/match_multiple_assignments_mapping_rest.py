match x:
    case {"k": rest, **rest}:
        pass
