a = 3 ** 2000
b = 7 ** 900 + 12345
q, r = divmod(a, b)
print(q * b + r == a, 0 <= r < b, len(str(q)), str(r)[:30])
print((a * b) // b == a, (-a) // b == -(a // b) - (1 if a % b else 0))
print(a.bit_length(), (a >> 100).bit_length(), (a ^ b) & 0xFFFF)
