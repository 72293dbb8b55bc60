print("a b".split(" ", 0), "a  b".split(" "), " a b ".split(None, 0), "abc".split("abc"), "aaa".split("a"))
print("a\tb\nc\x0bd\x0ce\x1cf\x1dg\x1eh\x85i\xa0j\u3000k".split())
print("x".rsplit("x"), "1,2,3".rsplit(",", maxsplit=1), "".rsplit(None), "  ".split(" "))
