try:
    [1] * 2.0
except TypeError as e:
    print(e)
try:
    [1] * (2**100)
except (OverflowError, MemoryError) as e:
    print(type(e).__name__, e)
print([1, 2] * -1)
