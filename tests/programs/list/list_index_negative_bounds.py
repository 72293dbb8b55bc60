l = [10, 20, 30]
print(l[-3], l[-1])
try:
    l[-4]
except IndexError as e:
    print(e)
try:
    l[3] = 1
except IndexError as e:
    print(e)
try:
    del l[5]
except IndexError as e:
    print(e)
print(l.index(30, -1), l.insert(-10, 0), l)
