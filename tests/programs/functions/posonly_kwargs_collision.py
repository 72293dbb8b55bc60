def f(a, /, **kw):
    return a, kw
print(f(1, a=2))
def g(a, b, /):
    return a, b
try:
    g(a=1, b=2)
except TypeError as e:
    print(e)
