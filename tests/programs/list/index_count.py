l = [1, 2, 3, 2, 1, 2]
print(l.index(2), l.index(2, 2), l.index(2, -2), l.count(2), l.count(9), l.count(1.0))
try:
    l.index(7)
except ValueError as e:
    print(e)
try:
    l.index(3, 3, 5)
except ValueError as e:
    print(e)
