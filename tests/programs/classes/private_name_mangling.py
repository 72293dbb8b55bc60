class A:
    def __init__(self):
        self.__secret = 1
        self._prot = 2
    def get(self):
        return self.__secret
class B(A):
    def __init__(self):
        super().__init__()
        self.__secret = "B's"
b = B()
print(b.get(), sorted(vars(b)))
try:
    b.__secret
except AttributeError as e:
    print(e)
class __Dunder:
    __x = 1
print(__Dunder._Dunder__x if hasattr(__Dunder, "_Dunder__x") else __Dunder.__dict__.keys() - object.__dict__.keys())
class C:
    def m(self):
        return __name__
print(C().m())
