a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, [9]), a.intersection(b, {4}), a.difference(b, {1}), a.symmetric_difference([4, 5, 6]))
print(a <= a, a < a, {1} < a, a >= {1, 2}, a > b, a.issubset(range(10)), a.issuperset([1]), a.isdisjoint({9}))
c = set(a)
c |= {10}
c &= {1, 2, 10}
c -= {1}
c ^= {2, 3}
print(c)
c.update([7], (8,))
c.intersection_update(range(9))
c.difference_update([3])
c.symmetric_difference_update({7, 99})
print(c)
try:
    a | [1]
except TypeError as e:
    print(e)
