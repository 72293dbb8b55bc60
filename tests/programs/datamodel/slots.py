class P:
    __slots__ = ("x", "y")
    def __init__(self):
        self.x = 1
p = P()
print(p.x, hasattr(p, "__dict__"), P.__slots__, type(P.x).__name__)
try:
    p.z = 3
except AttributeError as e:
    print(e)
try:
    p.y
except AttributeError as e:
    print(e)
class Q(P):
    pass
q = Q()
q.z = 5
print(q.z, hasattr(q, "__dict__"))
class R:
    __slots__ = "single"
print(R.__slots__)
try:
    class Bad:
        __slots__ = ("a",)
        a = 1
except ValueError as e:
    print(e)
class W:
    __slots__ = ("__dict__", "v")
w = W()
w.v = 1
w.other = 2
print(w.v, w.__dict__)
