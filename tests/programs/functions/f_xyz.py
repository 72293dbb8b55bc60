def f(x, y, z):
    return x * (y + z)
print(f(2, 3, 4), f("ab", 1, 1), f([0], 2, -1))
print(f.__code__.co_varnames, f.__code__.co_argcount)
