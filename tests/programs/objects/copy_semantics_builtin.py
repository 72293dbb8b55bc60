a = [1, [2, 3]]
b = a[:]
b[1].append(4)
b[0] = 9
print(a, b)
d = {"x": [1]}
e = dict(d)
e["x"].append(2)
print(d)
