print(complex(1, 2) == 1 + 2j, (1 + 2j).__abs__(), abs(-3j), (2j) ** 0.5, (1 + 1j) ** -1)
print(pow(1j, 2), 1j ** 1j, (0j) ** 0, complex("inf+nanj"))
print(hash(1j) == hash(complex(0, 1)), complex(True, False), complex(" ( 1-2j ) ".strip()))
