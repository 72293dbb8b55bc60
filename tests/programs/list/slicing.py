l = list(range(10))
print(l[2:5], l[:3], l[7:], l[::3], l[::-1], l[-3:], l[8:2:-2], l[100:], l[-100:2])
print(l[slice(1, 8, 2)], l[slice(None)], l[5:5])
try:
    l[::0]
except ValueError as e:
    print(e)
try:
    l[1.5]
except TypeError as e:
    print(e)
try:
    l[10]
except IndexError as e:
    print(e)
