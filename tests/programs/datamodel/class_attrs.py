class C:
    "docstring"
    a = 1
    def m(self):
        pass
print(C.__name__, C.__qualname__, C.__module__, C.__doc__, C.__bases__, C.__base__)
print(sorted(k for k in C.__dict__), type(C.__dict__).__name__)
try:
    C.__dict__["a"] = 2
except TypeError as e:
    print(e)
C.b = 2
print(C.b, C().b)
class D(C):
    pass
print(D.__bases__, D.__mro__, D.a, "a" in D.__dict__)
print(C.__subclasses__())
