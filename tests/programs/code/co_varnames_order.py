def f(a, b, /, c, *args, d, **kw):
    e = 1
    def g():
        return e + a
    return g
print(f.__code__.co_varnames, f.__code__.co_cellvars, f.__code__.co_nlocals)
print(f(1, 2, 3, d=4).__code__.co_freevars)
