class A:
    def __add__(self, o):
        return "A.add"
    def __radd__(self, o):
        return "A.radd"
class B(A):
    def __radd__(self, o):
        return "B.radd"
print(A() + B())
print(A() + A())
class C:
    def __lt__(self, o):
        return "C.lt"
class D(C):
    def __gt__(self, o):
        return "D.gt"
print(C() < D())
