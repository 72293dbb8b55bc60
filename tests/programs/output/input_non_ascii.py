s = input("? ")
print(repr(s), len(s), s[::-1])
