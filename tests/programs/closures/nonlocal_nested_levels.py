def a():
    x = 1
    def b():
        def c():
            nonlocal x
            x += 10
            return x
        return c()
    r = b()
    return x, r
print(a())
