class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, o):
        self.items.append(o)
        return self
    def __add__(self, o):
        print("add called")
        return NotImplemented
a = Acc()
b = a
a += 1
a += 2
print(a is b, a.items)
class OnlyAdd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return OnlyAdd(self.v + o)
x = OnlyAdd(1)
y = x
x += 5
print(x is y, x.v, y.v)
class NoImpl:
    def __iadd__(self, o):
        return NotImplemented
n = NoImpl()
try:
    n += 1
except TypeError as e:
    print(e)
l = [1]
t = (l,)
try:
    t[0] += [2]
except TypeError as e:
    print(e)
print(t)
