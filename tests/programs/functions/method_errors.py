class C:
    def m(self, x):
        return x
    @classmethod
    def cm(cls, x):
        return x
    @staticmethod
    def sm(x):
        return x
c = C()
for t in [lambda: c.m(), lambda: c.m(1, 2), lambda: C.m(1), lambda: c.cm(), lambda: C.sm(), lambda: c.m(y=1)]:
    try:
        t()
    except TypeError as e:
        print(e)
