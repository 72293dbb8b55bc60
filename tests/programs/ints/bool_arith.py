print(True + True, True * 10, False - 1, True / 2, -True, ~True, ~False)
print(True & False, True | False, True ^ True, type(True & False).__name__, type(True + 0).__name__)
print(bool(0), bool(1), bool(-1), bool(""), bool("0"), bool([]), bool([0]), bool(None), bool(0.0), bool(0j))
print(repr(True), str(False), int(True), float(False), True == 1, False == 0.0)
print(isinstance(True, int), issubclass(bool, int), bool.__mro__)
try:
    class B(bool):
        pass
except TypeError as e:
    print(e)
print(bool(), bool("False"), True.__class__, hash(True))
