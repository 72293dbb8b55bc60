for c in "aZ0 é€😀\u0301":
    print(repr(c), ord(c), hex(ord(c)), c.isalpha(), c.isprintable())
print(chr(0x10FFFF) == "\U0010ffff", len("e\u0301"), "\N{GREEK SMALL LETTER ALPHA}", "\N{SNOWMAN}")
try:
    chr(0x110000)
except ValueError as e:
    print(e)
try:
    ord("ab")
except TypeError as e:
    print(e)
