class A:
    def who(self):
        return ["A"]
class B(A):
    def who(self):
        return ["B"] + super().who()
class C(A):
    def who(self):
        return ["C"] + super().who()
class D(B, C):
    def who(self):
        return ["D"] + super().who()
print(D().who())
print(super(B, D()).who(), super(C, D()).who())
class E(A):
    @classmethod
    def make(cls):
        return super().who
    def explicit(self):
        return super(E, self).who()
print(E().explicit())
print(repr(super(D, D())).startswith("<super: <class 'D'>"))
def outside():
    try:
        super()
    except RuntimeError as e:
        print(e)
outside()
