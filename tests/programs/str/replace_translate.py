print("aaaa".replace("a", "b"), "aaaa".replace("a", "b", 2), "abc".replace("", "-"), "abc".replace("", "-", 2))
print("hello".replace("l", ""), "a.b.c".replace(".", "::", -1))
t = str.maketrans("abc", "xyz", "d")
print(t)
print("abcdabcd".translate(t))
print("hello".translate({ord("l"): None, ord("h"): "J"}))
print(str.maketrans({"a": "1", "b": None}))
try:
    str.maketrans("ab", "x")
except ValueError as e:
    print(e)
print("tab\there".expandtabs(), "a\tbc\tdef\tg".expandtabs(4), repr("\t".expandtabs(0)))
