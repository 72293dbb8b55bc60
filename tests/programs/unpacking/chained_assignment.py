a = b = c = []
a.append(1)
print(a, b, c, a is c)
x, y = y, x = 1, 2
print(x, y)
i = 0
l = [0, 0, 0]
i = l[i] = 2
print(i, l)
