z = 1.23456 - 7.5j
print(format(z, ".2f"), format(z, "^30"), format(z, ""), format(z, "e"), f"{z:g}")
print(repr(1e20j), repr(1e-5 + 1j), repr(complex(1, 1e16)), str(2j), repr(-1j))
print(complex("1e3j"), complex("(1+2j)"), complex(1j, 1j))
