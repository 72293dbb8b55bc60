def f(**kw):
    return kw
print(f(a=1, b=2), f(**{"x": 1}, y=2), dict(**{"a": 1}))
try:
    f(**{1: 2})
except TypeError as e:
    print(e)
try:
    f(a=1, **{"a": 2})
except TypeError as e:
    print(e)
