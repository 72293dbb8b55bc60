print(bin(10), oct(-8), hex(0), bin(2**70), abs(-5), abs(-2.5), abs(3 + 4j), abs(True))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), pow(2, 10), pow(2, 10, 1000), pow(2.0, -1))
try:
    bin(1.5)
except TypeError as e:
    print(e)
try:
    pow(2, 3.0, 5)
except TypeError as e:
    print(e)
