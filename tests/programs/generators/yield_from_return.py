def inner():
    x = yield 1
    print("inner got", x)
    yield 2
    return "inner-result"
def outer():
    r = yield from inner()
    print("outer got", r)
    yield 3
    return "outer-result"
g = outer()
print(next(g), g.send("s"), next(g))
try:
    next(g)
except StopIteration as e:
    print(e.value)
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], "ab", range(2))))
