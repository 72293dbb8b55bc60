print(repr("a'b"), ascii("ñ"), ascii(["é", 1]), repr(b"\x00"), chr(65), chr(0x1F600), ord("€"), ord(b"a"))
print(repr(1.0), repr(None), repr(...), repr(NotImplemented), repr(int), repr(type), repr(len))
try:
    chr(-1)
except ValueError as e:
    print(e)
try:
    ord("")
except TypeError as e:
    print(e)
