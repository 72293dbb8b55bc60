import gc
gc.disable()
class A:
    def __del__(self):
        print("collected")
a = A()
a.self = a
del a
print("not collected yet")
gc.enable()
gc.collect()
print("end")
