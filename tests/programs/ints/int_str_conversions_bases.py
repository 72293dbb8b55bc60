n = 123456789
for base in (2, 3, 8, 16, 36):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    x, out = n, ""
    while x:
        x, r = divmod(x, base)
        out = digits[r] + out
    print(base, out, int(out, base) == n)
print(int("-0b1010", 0), int("0O777", 0), int("0XFF", 0), int("  +0x_1_0  ", 0))
