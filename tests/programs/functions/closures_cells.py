def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
print(c(), c(), c())
print(c.__code__.co_freevars, counter.__code__.co_cellvars, len(c.__closure__), c.__closure__[0].cell_contents)
c.__closure__[0].cell_contents = 100
print(c())
def make():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return fs
print([f() for f in make()])
print([f() for f in [lambda i=i: i for i in range(3)]])
