b = b"  Hello World  "
print(b.strip(), b.lstrip(), b.rstrip(), b.strip(b" Hd"), b.center(20, b"*"), b.ljust(17, b"-"))
print(b"a,b,c".split(b","), b"a b  c".split(), b"x\ny".splitlines(), b",".join([b"a", b"b"]))
print(b"abc".startswith(b"a"), b"abc".endswith((b"c", b"x")), b"abc".isalpha(), b"123".isdigit(), b"aB".islower(), b"Ab".istitle())
print(b"abc".partition(b"b"), b"aXbXc".rpartition(b"X"), b"42".zfill(5), b"a\tb".expandtabs(4))
print(b"hello".translate(bytes.maketrans(b"el", b"ip")), b"hello".translate(None, b"l"))
print(b"abc".removeprefix(b"a"), b"abc".removesuffix(b"c"), b"abc".index(b"c"), b"AbC".swapcase(), b"abc".capitalize())
