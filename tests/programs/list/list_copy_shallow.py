a = [[1], [2]]
b = a.copy()
c = a[:]
d = list(a)
b[0].append(9)
print(a, b is a, c[0] is a[0], d == a)
