class C:
    count = 0
    @staticmethod
    def s(x):
        return x * 2
    @classmethod
    def c(cls, x):
        return cls.__name__, x
class D(C):
    pass
print(C.s(2), C().s(3), C.c(1), D.c(2), D().c(3))
sm = C.__dict__["s"]
cm = C.__dict__["c"]
print(type(sm).__name__, type(cm).__name__, sm.__func__.__name__, cm.__func__.__name__, callable(sm))
print(sm(5), sm.__wrapped__.__name__)
bound = C.c
print(bound.__self__.__name__, bound.__func__ is cm.__func__)
