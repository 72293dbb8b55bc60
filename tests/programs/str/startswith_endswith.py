s = "hello world"
print(s.startswith("hell"), s.startswith(("x", "he")), s.startswith("world", 6), s.startswith("lo", 3, 5))
print(s.endswith("world"), s.endswith(("x", "ld")), s.endswith("hello", 0, 5), s.endswith(""))
try:
    s.startswith(["he"])
except TypeError as e:
    print(e)
