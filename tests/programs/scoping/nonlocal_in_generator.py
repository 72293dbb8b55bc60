def counter():
    count = 0
    def gen():
        nonlocal count
        while True:
            count += 1
            yield count
    return gen(), lambda: count
g, get = counter()
next(g); next(g)
print(get())
