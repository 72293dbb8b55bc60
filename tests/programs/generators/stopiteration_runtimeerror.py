def g():
    yield 1
    raise StopIteration("inside")
try:
    list(g())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__, e.__cause__)
def g2():
    next(iter([]))
    yield
try:
    next(g2())
except RuntimeError as e:
    print(e)
