match x:
    case [*rest]:
        pass
    case [*_]:
        pass
    case [a, *_]:
        pass
    case [*_, b]:
        pass
    case {}:
        pass
    case str() | bytes():
        pass
    case (a, b) | [b, a]:
        pass
