class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = "_" + name
    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return getattr(obj, self.name, "unset")
    def __set__(self, obj, value):
        setattr(obj, self.name, value)
class Model:
    a = Field()
    b = Field()
m = Model()
m.a = 1
print(m.a, m.b, type(Model.a).__name__, vars(m))
class Late:
    pass
f = Field()
Late.x = f
print(hasattr(f, "name"))
