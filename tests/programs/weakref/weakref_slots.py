import _weakref
class NoWeak:
    __slots__ = ("a",)
class WithWeak:
    __slots__ = ("a", "__weakref__")
try:
    _weakref.ref(NoWeak())
except TypeError as e:
    print(e)
w = WithWeak()
print(_weakref.ref(w)() is w)
