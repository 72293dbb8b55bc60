def inner():
    try:
        yield 1
    except KeyError:
        print("inner caught")
        yield "after"
def outer():
    yield from inner()
g = outer()
next(g)
print(g.throw(KeyError))
def inner2():
    try:
        yield 1
    finally:
        print("inner2 closing")
def outer2():
    yield from inner2()
h = outer2()
next(h)
h.close()
print("done")
