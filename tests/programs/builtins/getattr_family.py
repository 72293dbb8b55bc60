class C:
    a = 1
c = C()
print(getattr(c, "a"), getattr(c, "b", "dflt"), hasattr(c, "a"), hasattr(c, "b"))
setattr(c, "b", 2)
print(c.b)
delattr(c, "b")
print(hasattr(c, "b"))
try:
    getattr(c, "zzz")
except AttributeError as e:
    print(e)
try:
    delattr(c, "zzz")
except AttributeError as e:
    print(e)
try:
    getattr(c, 1)
except TypeError as e:
    print(e)
setattr(c, "with space", 3)
print(getattr(c, "with space"))
