import _weakref
class C:
    pass
c = C()
refs = [_weakref.ref(c, lambda r, i=i: print("cb", i)) for i in range(3)]
del c
print("end")
