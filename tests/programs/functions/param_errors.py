def f(a, b, /, c, *, d):
    pass
tests = [
    lambda: f(1, 2, 3),
    lambda: f(1, 2, 3, 4, d=5),
    lambda: f(1, b=2, c=3, d=4),
    lambda: f(1, 2, c=3, d=4, e=5),
    lambda: f(1, 2, 3, c=3, d=4),
    lambda: f(),
    lambda: f(1),
    lambda: f(1, 2, d=1),
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print(e)
def g(x=1, *, y):
    pass
for t in [lambda: g(), lambda: g(1, 2), lambda: g(z=1, y=2)]:
    try:
        t()
    except TypeError as e:
        print(e)
def h():
    pass
for t in [lambda: h(1), lambda: h(a=1)]:
    try:
        t()
    except TypeError as e:
        print(e)
def k(a, b=2):
    pass
for t in [lambda: k(1, 2, 3), lambda: k(), lambda: k(1, a=2)]:
    try:
        t()
    except TypeError as e:
        print(e)
