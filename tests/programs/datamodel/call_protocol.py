class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *, mul=1):
        return (x + self.n) * mul
a = Adder(3)
print(a(1), a(1, mul=2), callable(a), callable(Adder), callable(5))
try:
    5()
except TypeError as e:
    print(e)
