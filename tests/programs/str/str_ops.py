print("ab" * 3, 3 * "x", "a" + "b", "ab" * 0, "ab" * -1, "b" in "abc", "" in "abc", "d" not in "abc")
print("abc" < "abd", "ab" < "abc", "B" < "a", "é" > "z", max("hello"), min("hello"))
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    "a" * 1.5
except TypeError as e:
    print(e)
try:
    1 in "abc"
except TypeError as e:
    print(e)
print(len(""), len("abc"), str(), str(123), str(b"x"), str(b"abc", "ascii"))
