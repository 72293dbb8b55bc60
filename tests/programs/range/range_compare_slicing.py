print(range(0, 3) == range(0, 3, 1), range(0, 3, 2) == range(0, 4, 2), range(1, 1) == range(5, 3))
print(range(10)[::-1], range(10)[-3:], range(0, 20, 5)[1:-1], range(10)[::3][::-1])
print(list(range(10)[::-3]), range(-1, -10, -2)[2], reversed(range(3)).__class__.__name__)
