print(list(x for x in range(3)), list(map(str.upper, "ab")), list({1: "a", 2: "b"}.items()), list(zip("ab", "cd")))
l = [3, 1, 2]
it = reversed(l)
l.append(4)
print(list(it))
print(list(range(5))[::-1] == list(reversed(range(5))))
