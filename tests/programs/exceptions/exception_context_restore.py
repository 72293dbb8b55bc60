import sys
try:
    raise KeyError("outer")
except KeyError:
    print(sys.exception())
    try:
        raise ValueError("inner")
    except ValueError:
        print(sys.exception(), sys.exc_info()[0].__name__)
    print(sys.exception())
print(sys.exception(), sys.exc_info())
