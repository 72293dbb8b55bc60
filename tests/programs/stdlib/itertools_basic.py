import itertools as it
print(list(it.islice(it.count(10, 5), 4)), list(it.chain("ab", [1])), list(it.accumulate([1, 2, 3, 4])))
print(list(it.permutations("abc", 2)), list(it.combinations(range(4), 2)))
print(list(it.product("ab", repeat=2)), list(it.groupby("aabbbc")) and [(k, len(list(g))) for k, g in it.groupby("aabbbc")])
print(list(it.zip_longest("ab", "xyz", fillvalue="-")), list(it.takewhile(lambda x: x < 3, range(10))))
print(list(it.batched(range(7), 3)), list(it.pairwise("abcd")), list(it.starmap(pow, [(2, 3), (3, 2)])))
print(list(it.compress("abcdef", [1, 0, 1, 0, 1, 1])), list(it.repeat("x", 3)), list(it.dropwhile(lambda x: x < 3, [1, 4, 1])))
