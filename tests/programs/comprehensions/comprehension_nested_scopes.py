matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([x for row in matrix for x in row if x % 2])
print({k: [v * 2 for v in vs] for k, vs in {"a": [1], "b": [2, 3]}.items()})
def f():
    n = 10
    return [n + i for i in range(2)], {n - i for i in range(2)}, {i: n for i in range(1)}
print(f())
