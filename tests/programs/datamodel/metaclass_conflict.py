class M1(type):
    pass
class M2(type):
    pass
class A(metaclass=M1):
    pass
class B(metaclass=M2):
    pass
try:
    class C(A, B):
        pass
except TypeError as e:
    print(e)
class M3(M1):
    pass
class D(metaclass=M3):
    pass
class E(A, D):
    pass
print(type(E).__name__)
