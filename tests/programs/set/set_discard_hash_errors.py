s = {1, 2}
try:
    s.discard([1])
except TypeError as e:
    print(e)
print(frozenset([1]) in {frozenset([1])}, {1}.issubset([1, 2]))
print(set([1]) in {frozenset([1])})
s.discard(set([1]))
print(s)
