import gc
class A:
    def __del__(self):
        pass
a = A()
a.cycle = a
del a
gc.collect()
print(gc.garbage)
