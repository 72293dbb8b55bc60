print(hash(()), hash((1,)), hash((1, 2)), hash((1, (2, 3))), hash((None, True, 1.5)))
print(hash((-1,)), hash((2**61 - 1, 0)))
