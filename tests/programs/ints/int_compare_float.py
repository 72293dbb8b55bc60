print(2**53 + 1 == float(2**53 + 1), 2**53 + 1 > float(2**53))
print(10**400 > float("inf"), -10**400 < float("-inf"), 10**400 == float("inf"))
print(1 < 1.5 < 2, 3 == 3.0, float("nan") == float("nan"))
big = 10 ** 30
print(big == 1e30, big < 1e30, int(1e30))
