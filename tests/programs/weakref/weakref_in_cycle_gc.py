import gc, _weakref
class Node:
    pass
a = Node()
b = Node()
a.b = b
b.a = a
ra = _weakref.ref(a, lambda r: print("a collected"))
del a, b
print("alive before collect:", ra() is not None)
gc.collect()
print("alive after collect:", ra() is not None)
