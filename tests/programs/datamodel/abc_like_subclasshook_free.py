class Meta(type):
    def __subclasscheck__(cls, sub):
        return hasattr(sub, "quack")
    def __instancecheck__(cls, inst):
        return cls.__subclasscheck__(type(inst))
class Duck(metaclass=Meta):
    pass
class Mallard:
    def quack(self):
        pass
print(isinstance(Mallard(), Duck), issubclass(int, Duck), issubclass(Mallard, Duck))
