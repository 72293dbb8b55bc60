a = "x" * 100
b = "x" * 100
print(a == b, a < b + "y", a[:-1] < a, "" < "a", "a" * 3 > "aa")
print("abc".__eq__(1), "abc".__lt__(1))
