a = [1, 2, 3]
print(a + [4], a * 2, 2 * a, [0] * 0, a == [1, 2, 3], a < [1, 2, 4], a < [1, 2], [1, [2]] == [1, [2]])
print(3 in a, 4 not in a, len(a), min(a), max(a), sum(a), list(reversed(a)))
b = a
b *= 2
print(a, b is a)
try:
    a + (1,)
except TypeError as e:
    print(e)
print(list(), list("ab"), list({1: 2}), list(range(3)), [*a, *"xy"])
a.reverse()
print(a, a.copy() is a, a.copy() == a)
