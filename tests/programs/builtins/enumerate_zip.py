print(list(enumerate("abc")), list(enumerate("abc", 10)), list(enumerate([], 1)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip("a", "b", "c")))
print(list(zip([1, 2], "ab", strict=True)))
try:
    list(zip([1, 2, 3], "ab", strict=True))
except ValueError as e:
    print(e)
try:
    list(zip([1], "ab", strict=True))
except ValueError as e:
    print(e)
try:
    list(zip([1], "a", "bc", strict=True))
except ValueError as e:
    print(e)
e = enumerate("xy")
print(next(e), next(e), next(e, "end"))
