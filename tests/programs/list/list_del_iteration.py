l = list(range(10))
for x in l:
    if x % 2 == 0:
        l.remove(x)
print(l)
l = list(range(5))
it = iter(l)
next(it)
l.clear()
print(list(it))
