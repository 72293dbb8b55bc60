import _weakref
class C:
    pass
c = C()
p = _weakref.proxy(c, lambda ref: print("proxy callback", type(ref).__name__))
del c
print("end")
