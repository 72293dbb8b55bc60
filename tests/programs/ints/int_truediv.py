print(5 / 2, 4 / 2, -7 / 2, 1 / 3, 2**100 / 2**50)
print(10**400 // 10**399, (10**400) / (10**399))
try:
    10**400 / 1
except OverflowError as e:
    print(e)
try:
    1 / 0
except ZeroDivisionError as e:
    print(e)
print(7 // 2.0, 7 % 2.5, -7 % 2.5)
