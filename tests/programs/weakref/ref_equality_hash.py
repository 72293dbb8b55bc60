import _weakref
class C:
    pass
a = C()
r1 = _weakref.ref(a)
r2 = _weakref.ref(a)
print(r1 is r2, r1 == r2, hash(r1) == hash(a))
def cb(r): pass
r3 = _weakref.ref(a, cb)
print(r3 is r1, r3 == r1, _weakref.getweakrefcount(a))
b = C()
print(_weakref.ref(b) == _weakref.ref(a))
del a
print(r1 == r2, r1 == r3)
try:
    hash(_weakref.ref(C()))
except TypeError as e:
    print(e)
