def init(self, v):
    self.v = v
Dyn = type("Dyn", (object,), {"__init__": init, "double": lambda self: self.v * 2, "attr": 5})
d = Dyn(4)
print(Dyn.__name__, Dyn.__qualname__, d.double(), d.attr, Dyn.__module__)
Sub = type("Sub", (Dyn,), {})
print(Sub.__mro__, isinstance(Sub(1), Dyn))
for bad in [("x", 1, {}), ("x", (1,), {}), (1, (), {})]:
    try:
        type(*bad)
    except TypeError as e:
        print(e)
print(type(5), type("x") is str)
