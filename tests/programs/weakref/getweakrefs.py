import _weakref
class C:
    pass
c = C()
r = _weakref.ref(c)
p = _weakref.proxy(c)
print(_weakref.getweakrefcount(c), len(_weakref.getweakrefs(c)))
print(_weakref.getweakrefcount(1))
