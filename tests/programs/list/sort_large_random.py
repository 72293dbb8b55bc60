x = 12345
vals = []
for i in range(2000):
    x = (x * 1103515245 + 12345) % 2**31
    vals.append(x % 1000)
s = sorted(vals)
print(s[:10], s[-10:], s == sorted(s), len(s))
pairs = sorted(enumerate(vals), key=lambda p: p[1])
print(all(pairs[i][0] < pairs[i + 1][0] for i in range(len(pairs) - 1) if pairs[i][1] == pairs[i + 1][1]))
