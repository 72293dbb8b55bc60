match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0):
        pass
    case Point(1, 2, z=3):
        pass
    case [Point(x=0, y=0), *rest]:
        pass
    case {"x": x, "y": y, **rest}:
        pass
    case {1: _, None: _, True: _, -1: _, 1+2j: _, a.b: _}:
        pass
    case (1 | 2 | 3) as n:
        pass
    case 1 | -2 | 3.5 | -4j | 1 - 2j | "s" | b"b" | None | True | False:
        pass
    case a.b.c:
        pass
    case _ if x > 0:
        pass
    case (a, b, *_):
        pass
    case ():
        pass
    case []:
        pass
    case {}:
        pass
    case x:
        pass
match a, *b:
    case 1, 2:
        pass
    case *_, 3:
        pass
match (x):
    case (y):
        pass
match x,:
    case Cls():
        pass
