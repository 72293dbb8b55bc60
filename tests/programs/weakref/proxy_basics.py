import _weakref
class C:
    def __init__(self):
        self.v = 5
    def m(self):
        return "method"
c = C()
p = _weakref.proxy(c)
print(p.v, p.m(), type(p).__name__)
p.v = 6
print(c.v)
del c
try:
    p.v
except ReferenceError as e:
    print(e)
