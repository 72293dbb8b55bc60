def f(a, /, b, *, c):
    return a, b, c
def g(*, x, y):
    return x, y
def h(a, b, /):
    return a, b
cases = [
    lambda: f(1, 2, 3),
    lambda: f(a=1, b=2, c=3),
    lambda: f(1, b=2),
    lambda: g(1, 2),
    lambda: g(x=1),
    lambda: g(),
    lambda: h(1),
    lambda: h(1, b=2),
    lambda: h(1, 2, 3),
]
for c in cases:
    try:
        print(c())
    except TypeError as e:
        print(e)
