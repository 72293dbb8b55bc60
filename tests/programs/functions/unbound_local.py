x = 10
def f():
    print(x)
    x = 20
try:
    f()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def g():
    def inner():
        return z
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    z = 1
g()
def h():
    del w
try:
    h()
except UnboundLocalError as e:
    print(e)
