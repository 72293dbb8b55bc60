import _weakref
class C:
    def __init__(self, n):
        self.n = n
def cb(ref):
    print("callback", ref() is None)
c = C(1)
r = _weakref.ref(c, cb)
print("deleting")
del c
print("deleted")
r2 = _weakref.ref(C(2), cb)
print("temp gone")
