t = 1, 2, 3
x, y, z = t
print(t, x, y, z)
(a, b), c = (1, 2), 3
print(a, b, c)
x, y = y, x
print(x, y)
try:
    p, q = (1, 2, 3)
except ValueError as e:
    print(e)
try:
    p, q, r = (1, 2)
except ValueError as e:
    print(e)
try:
    p, q = 5
except TypeError as e:
    print(e)
