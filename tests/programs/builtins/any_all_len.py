print(any([]), all([]), any([0, "", 1]), all([1, "x", []]), any(x > 3 for x in range(5)), all(iter([1, 1])))
print(len([1, 2]), len("abc"), len({}), len(range(5)), len(b"xy"))
try:
    len(iter([]))
except TypeError as e:
    print(e)
class Big:
    def __len__(self):
        return 2**100
try:
    len(Big())
except OverflowError as e:
    print(e)
