def g():
    try:
        yield 1
    finally:
        raise ValueError("from finally")
x = g()
next(x)
try:
    x.close()
except ValueError as e:
    print("close raised", e)
