l = list(range(10))
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(5)
print(l)
try:
    l.remove(99)
except ValueError as e:
    print(e)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    l.pop(50)
except IndexError as e:
    print(e)
l.clear()
print(l)
