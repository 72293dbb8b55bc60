import gc, _weakref
class A:
    pass
def cb(ref):
    print("callback, referent dead:", ref() is None)
a = A()
a.self = a
r = _weakref.ref(a, cb)
del a
print("collecting")
gc.collect()
print("done")
