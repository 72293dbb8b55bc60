z = 3 + 4j
print(z, z.real, z.imag, abs(z), z.conjugate(), -z)
print(complex(1, 2), complex("1+2j"), complex("-j"), complex(" 3.5 "), complex(2), complex())
print(1j * 1j, (1 + 2j) * (3 - 4j), (1 + 2j) / (3 - 4j), (1 + 1j) ** 2)
print(repr(complex(0, -0.0)), repr(complex(-0.0, 0)), complex(float("inf"), float("nan")))
print(1j == complex(0, 1), 1 + 0j == 1, hash(1 + 0j) == hash(1))
