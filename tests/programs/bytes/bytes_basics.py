b = b"hello"
print(b, b[0], b[1:3], b[::-1], len(b), b + b" world", b * 2, b"l" in b, 104 in b)
print(bytes(3), bytes([65, 66]), bytes("é", "utf-8"), bytes(range(5)), bytes.fromhex("de ad be ef"))
print(b.hex(), b.hex(":"), b.hex("-", 2), b"\x00\xff".hex())
print(b.upper(), b.title(), b.split(b"l"), b.replace(b"l", b"L"), b.find(b"l"), b.count(b"l"))
print(repr(b"\x00\n\t'\""), repr(b"it's"), b"\x80\xff")
try:
    bytes([256])
except ValueError as e:
    print(e)
try:
    b"a" + "b"
except TypeError as e:
    print(e)
try:
    bytes("x")
except TypeError as e:
    print(e)
print(b"abc" < b"abd", b"a" == "a", list(b"ab"), b"%d-%s" % (1, b"x"))
