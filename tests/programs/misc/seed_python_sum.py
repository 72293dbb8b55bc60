def python_sum(a, b):
    return a + b
total = 0.0
for _ in range(10000):
    total = python_sum(total, 3.14)
print(round(total, 6), python_sum(3.14, 2.71), python_sum("a", "b"), python_sum([1], [2]))
