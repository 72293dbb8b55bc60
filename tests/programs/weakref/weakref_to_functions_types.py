import _weakref
def f():
    pass
class K:
    pass
for obj in [f, K, K(), set(), frozenset(), type, (lambda: 0)]:
    r = _weakref.ref(obj)
    print(type(obj).__name__, r() is obj)
for obj in [1, "s", (), [], {}, None, b""]:
    try:
        _weakref.ref(obj)
    except TypeError as e:
        print(e)
