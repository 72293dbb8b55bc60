class N:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print("eq", self.v, getattr(o, "v", o))
        return isinstance(o, N) and self.v == o.v
    def __lt__(self, o):
        print("lt", self.v, o.v)
        return self.v < o.v
print(N(1) == N(1), N(1) != N(2))
print(N(1) < N(2), N(2) > N(1))
try:
    N(1) <= N(2)
except TypeError as e:
    print(e)
print(N(1) == 1, 1 == N(1))
print(sorted([N(3), N(1), N(2)], key=lambda n: n.v)[0].v)
print(max([N(3), N(5)], key=lambda n: n.v).v)
