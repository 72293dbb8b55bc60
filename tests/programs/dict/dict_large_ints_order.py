d = {}
for i in range(0, 100, 7):
    d[i * 1000003 % 97] = i
print(d)
for k in list(d)[::2]:
    del d[k]
print(d, len(d))
d.update((i, -i) for i in range(5))
print(d)
