n = 255
print(bin(n), oct(n), hex(n), bin(-n), hex(-n))
print(format(n, "b"), format(n, "#o"), format(n, "x"), format(n, "#X"), format(n, "08b"))
print(format(1234567, ","), format(1234567, "_"), format(1234567, "_x"), format(-42, "+d"), format(42, " d"))
print(format(42, "^10"), format(42, "*<6"), format(42, "=+8"), format(42, "c"))
print(f"{12345678:,d}", f"{0xdeadbeef:_X}", f"{42:#010x}")
print(format(123, "e"), format(123, ".2%"), format(123, "n"), format(123, "f"))
