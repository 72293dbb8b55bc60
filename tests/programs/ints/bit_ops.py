x = 0b1011_0110
print(x & 0xF, x | 0x100, x ^ 0xFF, ~x, x << 70, x >> 3)
print(-1 >> 100, -5 >> 1, -5 << 3)
print((2**100) & (2**100 - 1), (2**100) | 1, -(2**100) ^ 5)
print(x.bit_length(), (-x).bit_length(), (0).bit_length(), (2**100).bit_length())
print(x.bit_count(), (-x).bit_count(), (2**100 - 1).bit_count())
