import _weakref
class MyRef(_weakref.ref):
    def __new__(cls, ob, callback=None, tag=None):
        return super().__new__(cls, ob, callback)
    def __init__(self, ob, callback=None, tag=None):
        super().__init__(ob, callback)
        self.tag = tag
class C:
    pass
c = C()
r = MyRef(c, None, "tagged")
print(r() is c, r.tag, isinstance(r, _weakref.ref))
del c
print(r())
