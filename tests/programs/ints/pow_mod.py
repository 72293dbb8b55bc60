print(pow(3, 200, 1000007))
print(pow(2, -1, 7), pow(3, -2, 11))
print(pow(-3, 3, 7), pow(3, 3, -7))
try:
    pow(2, -1, 4)
except ValueError as e:
    print(e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print(e)
print(pow(2, -2), 2 ** -1, (-8) ** (1/3) == (-8) ** (1/3))
print(0 ** 0, pow(0, 0, 1))
