class Base:
    def __eq__(self, o):
        print("Base.__eq__")
        return NotImplemented
class Sub(Base):
    def __eq__(self, o):
        print("Sub.__eq__")
        return NotImplemented
print(Base() == Sub())
print(Sub() == Base())
