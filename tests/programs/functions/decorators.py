def trace(fn):
    def w(*a):
        print("enter", fn.__name__, a)
        r = fn(*a)
        print("exit", r)
        return r
    return w
def times(n):
    def deco(fn):
        def w(*a):
            return [fn(*a) for _ in range(n)]
        return w
    return deco
@trace
@times(2)
def hi(x):
    return x * 2
print(hi(3))
@lambda f: f()
def immediate():
    return "ran"
print(immediate)
class Reg:
    items = []
    @classmethod
    def add(cls, f):
        cls.items.append(f.__name__)
        return f
@Reg.add
def one(): pass
@Reg.add
def two(): pass
print(Reg.items)
