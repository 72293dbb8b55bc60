class N:
    def __init__(self, v):
        self.v = v
    def __divmod__(self, o):
        return ("divmod", self.v, o)
    def __rdivmod__(self, o):
        return ("rdivmod", self.v, o)
    def __pow__(self, o, mod=None):
        return ("pow", self.v, o, mod)
    def __rpow__(self, o, mod=None):
        return ("rpow", self.v, o, mod)
n = N(1)
print(divmod(n, 2), divmod(2, n), n ** 2, 2 ** n, pow(n, 2, 5))
try:
    pow(2, n, 5)
except TypeError as e:
    print(e)
