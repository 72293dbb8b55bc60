s = set()
for i in range(100):
    s.add((i * 7919) % 1009)
print(list(s)[:20], len(s))
s2 = {i for i in range(0, 64, 4)} | {1000, 2000, 33}
print(s2)
