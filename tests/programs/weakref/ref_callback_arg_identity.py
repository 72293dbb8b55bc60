import _weakref
class C:
    pass
c = C()
seen = []
r = _weakref.ref(c, seen.append)
del c
print(len(seen), seen[0] is r, r())
