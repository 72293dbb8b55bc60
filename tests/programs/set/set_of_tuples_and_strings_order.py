s = {("a", 1), ("b", 2), ("c", 3)}
print(sorted(s), len(s), ("a", 1) in s)
letters = set("hello world")
print(sorted(letters), "".join(sorted(letters)))
print({1, 2, 3} == frozenset([1, 2, 3]), {1} < frozenset([1, 2]))
