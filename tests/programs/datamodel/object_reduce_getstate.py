class C:
    def __init__(self):
        self.a = 1
c = C()
print(c.__getstate__(), c.__reduce_ex__(2)[0].__name__)
print(object().__getstate__())
class S:
    __slots__ = ("x",)
s = S()
s.x = 1
print(s.__getstate__())
