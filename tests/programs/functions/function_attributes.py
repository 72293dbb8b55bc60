def outer():
    def inner(x: int, y: "str" = "s") -> list:
        "inner doc"
        return x
    return inner
f = outer()
print(f.__name__, f.__qualname__, f.__doc__, f.__module__, f.__annotations__)
print(outer.__qualname__, outer.__doc__, type(f.__globals__).__name__, f.__globals__ is globals())
f.custom = 5
print(f.__dict__, f.custom)
f.__name__ = "renamed"
f.__qualname__ = "X.renamed"
print(f.__name__, f.__qualname__)
try:
    f.__name__ = 5
except TypeError as e:
    print(e)
class C:
    def m(self):
        pass
    class D:
        def n(self):
            pass
print(C.m.__qualname__, C.D.n.__qualname__, (lambda: 0).__qualname__, (lambda: 0).__name__)
