import _weakref
class C:
    pass
def cb(r):
    raise ValueError("callback failed")
c = C()
r = _weakref.ref(c, cb)
del c
print("continues after callback error")
