x = 0.1
vals = []
for i in range(30):
    vals.append(x)
    x = x * 1.7 + 0.013
print([repr(v) for v in vals])
print(all(float(repr(v)) == v for v in vals))
