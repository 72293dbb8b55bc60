import gc
class A:
    def __del__(self):
        pass
a = A()
print(gc.is_finalized(a))
saved = []
class R:
    def __del__(self):
        saved.append(self)
r = R()
del r
print(gc.is_finalized(saved[0]))
