class WithBool:
    def __bool__(self):
        print("bool called")
        return False
class WithLen:
    def __len__(self):
        print("len called")
        return 0
class Both:
    def __bool__(self):
        return True
    def __len__(self):
        return 0
class Neither:
    pass
print(bool(WithBool()), bool(WithLen()), bool(Both()), bool(Neither()))
if not WithLen():
    print("empty")
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print(e)
class NegLen:
    def __len__(self):
        return -1
try:
    bool(NegLen())
except ValueError as e:
    print(e)
