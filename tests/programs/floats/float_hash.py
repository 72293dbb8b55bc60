print(hash(0.0), hash(-0.0), hash(1.0), hash(0.5), hash(1e100) == hash(int(1e100)))
print(hash(float("inf")), hash(float("-inf")))
print(hash(-1.0), hash(2.5))
