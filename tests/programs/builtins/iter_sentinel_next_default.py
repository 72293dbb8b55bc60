vals = [1, 2, 3, 0, 4]
it = iter(vals)
print(list(iter(lambda: next(it), 0)))
print(next(iter([]), "default"), next(iter([9]), "default"))
try:
    next(iter([]))
except StopIteration as e:
    print("StopIteration", e.args)
try:
    iter(5, 1)
except TypeError as e:
    print(e)
try:
    next(5)
except TypeError as e:
    print(e)
