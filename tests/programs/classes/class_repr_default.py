class C:
    pass
r = repr(C())
print(r.startswith("<__main__.C object at 0x"), repr(C), str(C), C.__repr__ is object.__repr__)
class D:
    def __init__(self):
        pass
print(repr(D).replace("__main__", "M"))
