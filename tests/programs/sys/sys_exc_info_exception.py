import sys
print(sys.exc_info(), sys.exception())
try:
    raise ValueError("v")
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, type(tb).__name__, sys.exception() is v)
def f():
    return sys.exception()
try:
    raise KeyError("k")
except KeyError:
    print(repr(f()))
print(sys.exc_info())
