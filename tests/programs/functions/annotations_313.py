def f(a: int, b: "x" = 1, *args: str, c: list[int], **kw: dict) -> None:
    pass
print(f.__annotations__)
class C:
    x: int
    y: str = "s"
    def m(self) -> "C": ...
print(C.__annotations__, C.m.__annotations__)
z: int = 5
print(__annotations__)
def g():
    local: int = 1
    return local
print(g(), g.__annotations__)
def h(): pass
h.__annotations__ = {"r": 1}
print(h.__annotations__)
try:
    h.__annotations__ = 5
except TypeError as e:
    print(e)
