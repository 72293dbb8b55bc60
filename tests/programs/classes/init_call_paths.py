# Calling a class whose __init__ is a Python function: arguments, defaults, a non-None
# return, exceptions, __del__, __slots__, __new__ and metaclass __call__ overrides, recursion.
import sys
class P:
    def __init__(self, x, y=5):
        self.x = x; self.y = y
p = P(1)
print(p.x, p.y, P(2, 3).y, type(p).__name__)
class Bad:
    def __init__(self):
        return 3
try:
    Bad()
except TypeError as e:
    print("TypeError", e)
class Raiser:
    def __init__(self, v):
        if v: raise ValueError(v)
        self.v = v
try:
    Raiser(7)
except ValueError as e:
    print("ValueError", e, e.__traceback__.tb_lineno, e.__traceback__.tb_next.tb_frame.f_code.co_name)
print(Raiser(0).v)
class D:
    def __init__(self, a): self.a = a
    def __del__(self): print("del", self.a)
D(1)
d = D(2)
del d
class Sl:
    __slots__ = ("a",)
    def __init__(self, a): self.a = a
print(Sl(4).a)
class WithNew:
    def __new__(cls, *a): print("new", a); return super().__new__(cls)
    def __init__(self, a): print("init", a)
WithNew(9)
class Meta(type):
    def __call__(cls, *a): print("meta call", a); return super().__call__(*a)
class M(metaclass=Meta):
    def __init__(self, a): self.a = a
print(M(3).a)
class Reinit:
    def __init__(self, n):
        self = None
r = Reinit(1)
print(type(r).__name__)
def deep(n):
    return P(n) if n == 0 else deep(n - 1)
print(deep(50).x)
class Rec:
    def __init__(self, n):
        self.child = Rec(n - 1) if n else None
sys.setrecursionlimit(100)
try:
    Rec(500)
except RecursionError as e:
    print("RecursionError", e)
P()
