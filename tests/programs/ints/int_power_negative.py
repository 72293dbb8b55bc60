print(2 ** 10, (-2) ** 3, 2 ** -2, (-2) ** -3, 0 ** 5)
try:
    0 ** -1
except ZeroDivisionError as e:
    print(e)
print(pow(10, 30) == 10**30, 7 ** 0)
