class C:
    def m(self):
        return self
c = C()
bm = c.m
print(type(bm).__name__, bm.__self__ is c, bm.__func__ is C.m, bm() is c)
print(c.m == c.m, c.m is c.m, C.m is C.m)
print(bm.__name__, bm.__qualname__)
f = C.m
print(f(c) is c, type(f).__name__)
