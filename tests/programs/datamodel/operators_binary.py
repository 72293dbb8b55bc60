class V:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return f"V({self.x})"
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x)
        if isinstance(o, int):
            return V(self.x + o)
        return NotImplemented
    def __radd__(self, o):
        print("radd")
        return self + o
    def __mul__(self, k):
        return V(self.x * k)
    def __neg__(self):
        return V(-self.x)
    def __matmul__(self, o):
        return self.x * o.x
print(V(1) + V(2), V(1) + 5, 5 + V(1), V(3) * 2, -V(4), V(2) @ V(3))
print(sum([V(1), V(2)], V(0)), sum([V(1), V(2)]))
try:
    V(1) + "s"
except TypeError as e:
    print(e)
try:
    "s" - V(1)
except TypeError as e:
    print(e)
