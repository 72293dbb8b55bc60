import _weakref
class C:
    def __init__(self, v):
        self.v = v
    def __call__(self, x):
        return self.v + x
    def __add__(self, o):
        return self.v + o
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 2
    def __repr__(self):
        return "C()"
c = C(10)
p = _weakref.proxy(c)
print(p(5), p + 1, len(p), p[4], type(p).__name__)
print(isinstance(p, C), bool(p))
