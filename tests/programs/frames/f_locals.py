import sys
def f(a):
    b = 2
    loc = sys._getframe().f_locals
    print(sorted(loc.keys()), type(loc).__name__)
    loc["b"] = 20
    print(b)
    return loc
proxy = f(1)
print(sorted(proxy))
print(type(sys._getframe().f_locals).__name__, sys._getframe().f_locals is globals())
def g():
    x = 1
    def inner():
        return x
    return sys._getframe().f_locals
print(sorted(g()))
