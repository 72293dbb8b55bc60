d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i)
d["d"] = 4
print(list(k), list(v), list(i), len(k))
print(k & {"a", "z"}, k | {"z"}, k - {"a"}, k ^ {"a", "q"}, i & {("a", 1)})
print("a" in k, 1 in v, ("a", 1) in i, ("a", 2) in i)
print(k == {"a", "b", "c", "d"}, list(reversed(k)), list(reversed(v)), list(reversed(i)))
print(k.isdisjoint({"x"}), k.mapping)
print(v == v)
