print({5, 1, 9, 3, 7, 100, 33, 64, 2})
print(set(range(20, 0, -1)))
print({-1, -2, 0, 1 << 40, 17, 8, 16})
s = set()
for i in (1000, 5, 37, 8, 1024, 3):
    s.add(i)
print(s, list(s))
