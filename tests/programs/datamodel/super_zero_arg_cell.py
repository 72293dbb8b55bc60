class A:
    def f(self):
        return __class__
    def g(self):
        return super().__init__ is not None
print(A().f().__name__, A().g(), "__class__" in A.f.__code__.co_freevars)
class B(A):
    def f(self):
        return super().f()
print(B().f().__name__)
