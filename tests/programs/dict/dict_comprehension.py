print({k: v for k, v in zip("abc", range(3))})
print({x % 3: x for x in range(10)})
print({v: k for k, v in {"a": 1, "b": 2}.items()})
print({(i, j): i * j for i in range(2) for j in range(2)})
