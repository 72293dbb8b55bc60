x = 1
for i in range(200):
    x = x * 3 + 1
print(x, x.bit_length())
print(2**1000 % 10**9, -2**63 - 1, (2**64) // 3)
