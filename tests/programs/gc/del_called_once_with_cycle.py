import gc
class A:
    count = 0
    def __del__(self):
        A.count += 1
        print("del", A.count)
a = A()
a.me = a
del a
gc.collect()
gc.collect()
print("total", A.count)
