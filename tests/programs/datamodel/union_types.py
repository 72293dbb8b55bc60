# int | str builds a types.UnionType: flattened, None as NoneType, duplicates dropped.
u = int | str
print(u, type(u).__name__, u.__args__, u.__parameters__)
print(int | None, None | int, (int | None).__args__, int | int, (int | str) | (str | bytes))
print(list[int] | None, list[int] | list[int], (int | list[int]).__args__)
print(u == (str | int), u == (int | bytes), hash(u) == hash(str | int), u != (int | str))
print(isinstance(1, u), isinstance(b"", u), isinstance(None, int | None), issubclass(bool, int | str))
print(isinstance(1, (bytes, int | str)), issubclass(str, (bytes | float, str)))
try:
    int | "str"
except TypeError as e:
    print(e)
try:
    isinstance([], int | list[int])
except TypeError as e:
    print(e)
try:
    issubclass(1, int | str)
except TypeError as e:
    print(e)
class C:
    pass
print(C | None, (C | int).__args__ == (C, int), {int | str: 1}[str | int])
