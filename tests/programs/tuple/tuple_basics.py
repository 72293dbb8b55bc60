t = (1, 2, 3, 2)
print(t, t[0], t[-1], t[1:3], t[::-1], len(t), t.count(2), t.index(3), t + (4,), t * 2)
print((), (1,), tuple("ab"), tuple([1, 2]), tuple(range(3)), (1) == 1)
try:
    t[0] = 9
except TypeError as e:
    print(e)
try:
    t.index(99)
except ValueError as e:
    print(e)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), hash((1, 2)) == hash((1, 2)))
try:
    hash((1, [2]))
except TypeError as e:
    print(e)
a, *rest = t
print(a, rest)
