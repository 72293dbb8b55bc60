print(callable(print), callable(int), callable(lambda: 0), callable(1), callable("s"), callable(type))
class C:
    def __call__(self): pass
print(callable(C), callable(C()))
a = object()
print(id(a) == id(a), id(a) != id(object()) or True)
