class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        "the temperature"
        return self._c
    @celsius.setter
    def celsius(self, v):
        print("setting", v)
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
    @property
    def readonly(self):
        return 1
t = Temp()
t.celsius = 25
print(t.celsius, Temp.celsius.__doc__, type(Temp.celsius).__name__)
del t.celsius
try:
    t.readonly = 2
except AttributeError as e:
    print(e)
try:
    del t.readonly
except AttributeError as e:
    print(e)
p = property(lambda self: 5)
print(p.fget(None), p.fset, p.fdel)
