r = range(0, 100, 7)
print(r.index(49), r.count(49), r.count(50), 49.0 in r, "x" in r, True in range(2))
try:
    r.index(50)
except ValueError as e:
    print(e)
print(range(-5, 5)[::-2], list(range(-5, 5)[::-2]), range(10)[2:8:3])
