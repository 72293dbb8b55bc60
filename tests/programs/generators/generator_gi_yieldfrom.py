def inner():
    yield 1
    yield 2
def outer():
    yield from inner()
o = outer()
print(o.gi_yieldfrom)
next(o)
print(o.gi_yieldfrom.__name__)
list(o)
print(o.gi_yieldfrom)
