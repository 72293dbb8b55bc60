def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(f(1, c=3), f(1, 2, 3, 4, c=5, e=6))
print(f.__defaults__, f.__kwdefaults__)
f.__defaults__ = (20,)
f.__kwdefaults__ = {"c": 30, "d": 40}
print(f(1))
def g():
    pass
print(g.__defaults__, g.__kwdefaults__)
