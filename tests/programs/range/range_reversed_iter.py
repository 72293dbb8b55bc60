print(list(reversed(range(1, 10, 3))), list(reversed(range(0))), list(iter(range(3))))
it = iter(range(3))
print(next(it), list(it), list(it))
