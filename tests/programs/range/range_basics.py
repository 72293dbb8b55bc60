r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[1:3], r[::-1], 5 in r, 6 in r, r.index(8), r.count(8))
print(range(5), range(0), list(range(5, 0, -2)), len(range(10, 0)), range(1, 10, 2)[2:])
print(range(0, 10) == range(0, 10, 1), range(0) == range(5, 2), hash(range(3)) == hash(range(0, 3)))
print(r.start, r.stop, r.step, range(3).step)
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)
try:
    range(1.5)
except TypeError as e:
    print(e)
try:
    r[100]
except IndexError as e:
    print(e)
big = range(10**30)
print(len(range(10**18)), big[-1], 10**29 in big)
try:
    len(big)
except OverflowError as e:
    print(e)
