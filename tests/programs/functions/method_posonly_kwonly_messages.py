class C:
    def m(self, a, /, *, k):
        return a, k
    @classmethod
    def cm(cls, x, *, y=0):
        return x, y
for call in [lambda: C().m(1), lambda: C().m(a=1, k=2), lambda: C.cm(), lambda: C.cm(1, 2), lambda: C().m(1, 2, k=3)]:
    try:
        print(call())
    except TypeError as e:
        print(e)
