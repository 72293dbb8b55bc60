print(1, 2, 3, sep=None)
print("a", "b", sep="")
print("x", end="\n\n")
try:
    print("y", end=5)
except TypeError as e:
    print(e)
print(*[], sep="-")
print(["list", "repr"], ("t",), {"d": 1}, {1, 2}, b"bytes", 1.0, None, True)
