# PEP 695 type parameters: TypeVar / ParamSpec / TypeVarTuple objects, lazy bounds,
# constraints and defaults, type aliases, and generic classes' __parameters__.
def bound():
    print("bound evaluated")
    return int
def f[T, B: bound(), C: (int, str), *Ts, **P, D = str](x: T) -> T:
    return x
T, B, C, Ts, P, D = f.__type_params__
print(f.__type_params__, [type(p).__name__ for p in f.__type_params__])
print(T.__name__, T.__bound__, T.__constraints__, T.__covariant__, T.__contravariant__, T.__infer_variance__)
print("before bound")
print(B.__bound__, B.__bound__, C.__constraints__, C.__bound__)
print(T.has_default(), T.__default__, D.has_default(), D.__default__, Ts.__default__, P.__name__)
print(T.__module__, f(5))
type Alias = list[int]
type Lazy = undefined_name
type Pair[K, V = int] = tuple[K, V]
print(Alias, type(Alias).__name__, Alias.__name__, Alias.__value__, Alias.__type_params__, Alias.__module__)
print(Lazy.__name__)
try:
    Lazy.__value__
except NameError as e:
    print(e)
print(Pair.__type_params__, Pair.__parameters__, Pair[str, bytes], Pair[str].__args__, Pair.__value__)
try:
    Alias[int]
except TypeError as e:
    print(e)
print(Alias | None, (Alias | int).__args__)
class Box[X, Y]:
    def get(self) -> X: ...
print(Box.__type_params__, Box.__parameters__, Box.__mro__, Box.__orig_bases__)
print(Box[int, str], Box[int, str].__origin__ is Box, type(Box.__type_params__[0]).__name__)
class Child(Box[int, str]):
    pass
print(Child.__mro__, Child.__parameters__, Child.__orig_bases__)
def g[*Ts](): pass
print(g.__type_params__, repr(g.__type_params__[0]))
