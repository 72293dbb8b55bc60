def f(*args, **kwargs):
    return args, kwargs
print(f(), f(1, 2), f(*[1, 2], *(3,)), f(a=1), f(**{"a": 1}, **{"b": 2}), f(1, *[2], x=3, **{"y": 4}))
def g(a, b, c):
    return a + b + c
print(g(*"abc"), g(1, *[2, 3]), g(c=3, *[1, 2]))
try:
    g(*[1, 2, 3, 4])
except TypeError as e:
    print(e)
try:
    f(*5)
except TypeError as e:
    print(e)
try:
    f(**[1])
except TypeError as e:
    print(e)
