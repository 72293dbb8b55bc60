import sys
def f():
    x = 1
    return sys._getframe()
fr = f()
print(fr.f_locals)
fr.clear()
print(fr.f_locals)
def g():
    fr = sys._getframe()
    try:
        fr.clear()
    except RuntimeError as e:
        print(e)
g()
