import sys
class C:
    pass
c = C()
base = sys.getrefcount(c)
d = c
print(sys.getrefcount(c) - base)
del d
print(sys.getrefcount(c) - base)
holder = {"k": c}
print(sys.getrefcount(c) - base)
