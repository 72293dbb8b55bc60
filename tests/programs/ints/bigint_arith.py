a = 2 ** 100
b = 3 ** 70
print(a, b)
print(a + b, a - b, a * b)
print(a // b, a % b, b // 7, -b // 7, -b % 7)
print(divmod(a, b), divmod(-a, b), divmod(a, -b))
