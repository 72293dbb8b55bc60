class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v % 3
    def __eq__(self, o):
        return isinstance(o, K) and self.v == o.v
    def __repr__(self):
        return f"K{self.v}"
s = {K(i) for i in range(7)}
print(len(s), K(4) in s, K(9) in s)
s.discard(K(4))
print(len(s), sorted(s, key=lambda k: k.v))
