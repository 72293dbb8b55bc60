def g():
    try:
        yield 1
    finally:
        return "finally-return"
x = g()
next(x)
try:
    x.throw(KeyError("k"))
except StopIteration as e:
    print("StopIteration value", e.value)
