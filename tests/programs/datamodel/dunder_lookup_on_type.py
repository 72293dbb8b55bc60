class C:
    pass
c = C()
c.__len__ = lambda: 5
try:
    len(c)
except TypeError as e:
    print(e)
print(c.__len__())
C.__len__ = lambda self: 7
print(len(c))
c.__repr__ = lambda: "instance repr"
print(repr(c) == object.__repr__(c) or repr(c) != "instance repr")
