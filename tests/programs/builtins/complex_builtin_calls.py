print(list(map(pow, [2, 3], [3, 2])), list(zip(*[(1, "a"), (2, "b")])), dict(enumerate("ab")))
print(sorted(zip("cab", range(3))), list(filter(str.isdigit, "a1b2")), "".join(reversed("abc")))
print(max(enumerate("hello"), key=lambda p: p[1]), min(range(10), key=lambda x: (x - 5) ** 2))
