print(int("42"), int("  -17  "), int("+5"), int("1_000_000"))
print(int("ff", 16), int("0xff", 16), int("0xff", 0), int("0o17", 0), int("0b101", 0))
print(int("z", 36), int("Zz", 36), int("101", 2), int("  0  ", 0))
for s, base in [("12a", 10), ("", 10), ("1__0", 10), ("_1", 10), ("08", 0), ("0x", 16), ("9", 8)]:
    try:
        int(s, base)
    except ValueError as e:
        print(e)
try:
    int("1", 37)
except ValueError as e:
    print(e)
print(int("١٢٣"))
