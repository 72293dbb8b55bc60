import _weakref
class C:
    pass
c = C()
r = _weakref.ref(c)
print(r() is c, _weakref.getweakrefcount(c), type(r).__name__)
del c
print(r())
try:
    _weakref.ref(1)
except TypeError as e:
    print(e)
try:
    _weakref.ref([])
except TypeError as e:
    print(e)
