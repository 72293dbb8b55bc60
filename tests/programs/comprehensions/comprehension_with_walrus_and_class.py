class C:
    data = [1, 2, 3]
    squares = [x * x for x in data]
print(C.squares)
print([y := x + 1 for x in range(3)], y)
total = 0
print([total := total + x for x in range(5)], total)
