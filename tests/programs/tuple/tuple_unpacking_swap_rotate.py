a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
t = tuple(range(5))
print(t[1:] + t[:1], t[-1:] + t[:-1])
