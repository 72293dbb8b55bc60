# list[int] is a types.GenericAlias: its own attributes, the rest forwarded to the origin.
a = list[int]
print(a, type(a).__name__, a.__origin__, a.__args__, a.__parameters__, a.__unpacked__)
print(a.__name__, a.__qualname__, a.__module__, a.append is list.append, a.__class__)
print(dict[str, list[int]], tuple[int, ...], tuple[()], type[int], set[frozenset[bytes]], list[None])
print(dict[str, int](a=1), tuple[int, int]((1, 2)), a == list[int], a == list[str], a == list)
print(hash(a) == hash(list[int]), {a: 1}[list[int]])
class MyList(list[int]):
    pass
print(MyList.__bases__, MyList.__orig_bases__, MyList([3]))
class Rec:
    def __init__(self, *args):
        self.args = args
    def __class_getitem__(cls, item):
        return type(list[int])(cls, item)
r = Rec[int, str]
print(r, r.__args__, r(1, 2).args, r(1).__orig_class__ is r)
try:
    isinstance([], list[int])
except TypeError as e:
    print(e)
try:
    issubclass(list, list[int])
except TypeError as e:
    print(e)
try:
    list[int][str]
except TypeError as e:
    print(e)
try:
    int[str]
except TypeError as e:
    print(e)
def f[T, U]():
    return T, U
T, U = f()
g = dict[T, list[U]]
print(g, g.__parameters__, g[int, str], g[int, str].__parameters__)
try:
    g[int]
except TypeError as e:
    print(e)
print(list[T] | None, (list[T] | None).__parameters__, (list[T] | U).__parameters__)
