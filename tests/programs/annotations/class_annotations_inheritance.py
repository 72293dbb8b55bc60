class A:
    a: int
class B(A):
    b: str
class C(B):
    pass
print(A.__annotations__, B.__annotations__, C.__annotations__)
print("__annotations__" in C.__dict__)
