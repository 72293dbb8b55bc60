print(sorted([3, 1.5, True, 2, 0.5, False, -1]))
print(sorted([2**70, 1e21, 10**21, 1e22]))
print(sorted(["b", "a", "B", "A", "_", "1"]))
