class Meta(type):
    def __instancecheck__(cls, inst):
        print("instancecheck", type(inst).__name__)
        return isinstance(inst, int)
    def __subclasscheck__(cls, sub):
        print("subclasscheck", sub.__name__)
        return issubclass(sub, int)
class IntLike(metaclass=Meta):
    pass
print(isinstance(5, IntLike), isinstance("s", IntLike), issubclass(bool, IntLike))
print(isinstance(IntLike(), IntLike))
print(isinstance(1, (str, (bytes, int))), issubclass(bool, (str, int)))
print(isinstance(1, int | str), issubclass(int, int | None))
