import _weakref
class Obj:
    def __init__(self, key):
        self.key = key
cache = {}
def get(key):
    r = cache.get(key)
    o = r() if r else None
    if o is None:
        o = Obj(key)
        cache[key] = _weakref.ref(o, lambda ref, k=key: cache.pop(k, None))
        print("created", key)
    return o
a = get("a")
b = get("a")
print(a is b, sorted(cache))
del a, b
print(sorted(cache))
get("a")
