import _weakref
class C:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return self.v + o
    def __radd__(self, o):
        return o + self.v
    def __mul__(self, o):
        return self.v * o
    def __neg__(self):
        return -self.v
    def __iter__(self):
        return iter([1, 2])
    def __contains__(self, x):
        return x == 1
    def __setitem__(self, k, v):
        print("set", k, v)
    def __delitem__(self, k):
        print("del", k)
    def __index__(self):
        return 7
    def __bool__(self):
        return False
c = C(3)
p = _weakref.proxy(c)
print(p + 1, 1 + p, p * 2, -p, list(p), 1 in p, 2 in p, bool(p), hex(p), [1, 2, 3, 4, 5, 6, 7, 8][p])
p[1] = 2
del p[0]
q = p
q += 10
print(q, type(p).__name__)
try:
    next(p)
except TypeError as e:
    print(e)
del c
for op in (lambda: p + 1, lambda: len(p), lambda: bool(p)):
    try:
        op()
    except ReferenceError as e:
        print(type(e).__name__, e)
    except TypeError as e:
        print(type(e).__name__, e)
