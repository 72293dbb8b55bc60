class F(float):
    pass
f = F(2.5)
print(f, repr(f), type(f + 1).__name__, F("1e3"), isinstance(f, float))
print(F.fromhex("0x1p1"), type(F.fromhex("0x1p1")).__name__)
