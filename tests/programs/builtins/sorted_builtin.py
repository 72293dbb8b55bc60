print(sorted([3, 1, 2]), sorted("hello"), sorted({3: 1, 1: 2}), sorted([3, 1], reverse=True))
print(sorted([-3, 1, -2], key=abs), sorted([(1, "b"), (0, "z"), (1, "a")]))
try:
    sorted([1, 2], lambda x: x)
except TypeError as e:
    print(e)
