class S(set):
    pass
s = S([1, 2])
print(type(s.copy()).__name__, type(s | {3}).__name__, s == {1, 2}, repr(s))
print(frozenset([1]) == set([1]), hash(frozenset()) == hash(frozenset([])))
