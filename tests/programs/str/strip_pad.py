s = "  \t hello \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "abcHIcba".strip("abc"), "www.example.com".lstrip("cmowz."))
print(repr("hi".center(7)), repr("hi".center(8, "*")), repr("hi".ljust(5, "-")), repr("hi".rjust(5)), repr("hi".center(1)))
print("42".zfill(5), "-42".zfill(5), "+4".zfill(4), "abc".zfill(2), "".zfill(3))
print("prefix_body".removeprefix("prefix_"), "body.txt".removesuffix(".txt"), "x".removeprefix("y"))
try:
    "a".center(5, "ab")
except TypeError as e:
    print(e)
