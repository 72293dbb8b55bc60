try:
    try:
        raise ValueError("one")
    except ValueError:
        raise TypeError("two")
except TypeError as e:
    print(repr(e), repr(e.__context__))
try:
    try:
        raise ValueError("a")
    finally:
        raise TypeError("b")
except TypeError as e:
    print(repr(e.__context__))
