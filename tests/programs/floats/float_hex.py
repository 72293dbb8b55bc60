for x in [1.0, 0.1, -2.5, 0.0, -0.0, 1e300, 5e-324, float("inf"), 3.141592653589793]:
    print(x.hex())
print(float.fromhex("0x1.8p1"), float.fromhex("-0x1p-2"), float.fromhex("0x.8"), float.fromhex("inf"))
try:
    float.fromhex("0x1p99999")
except OverflowError as e:
    print(e)
try:
    float.fromhex("zz")
except ValueError as e:
    print(e)
