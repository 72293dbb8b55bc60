class A:
    __slots__ = ("a",)
class B(A):
    __slots__ = ("b",)
b = B()
b.a, b.b = 1, 2
print(b.a, b.b, B.__slots__, hasattr(b, "__dict__"))
try:
    b.c = 3
except AttributeError as e:
    print(e)
del b.a
try:
    b.a
except AttributeError as e:
    print(e)
