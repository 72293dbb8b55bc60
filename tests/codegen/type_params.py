def f[T: int, *Ts, **P](a=1, *, k=2) -> T: pass
class C[T = str](B):
    def m(self) -> T: pass
type A[X] = list[X]
type B = int
g = lambda: (yield)
