print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-15)
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2, 7.5 % -2)
print(divmod(7.5, 2), divmod(-7.5, 2))
print(2.0 ** 0.5, (-8.0) ** 2, 2 ** 0.5, 10 ** -2)
print((-8.0) ** 0.5)
try:
    10.0 ** 400
except OverflowError as e:
    print(e)
print(1e308 + 1e308, -1e308 * 10)
print(int(2.5e15) * 2, 1.0 * 2**60)
