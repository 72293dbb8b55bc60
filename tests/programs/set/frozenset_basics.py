f = frozenset([1, 2, 3])
print(f, f | {4}, type(f | {4}).__name__, type({4} | f).__name__, hash(f) == hash(frozenset([3, 2, 1])))
d = {f: "x"}
print(d[frozenset({1, 2, 3})])
print(frozenset(), frozenset("ab") == {"a", "b"}, {frozenset([1])})
try:
    f.add(1)
except AttributeError as e:
    print(e)
print(f.copy() is f, set(f) == f)
