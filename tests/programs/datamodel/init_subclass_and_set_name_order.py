class D:
    def __set_name__(self, owner, name):
        print("set_name", name, "in", owner.__name__)
class Base:
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw)
class Child(Base, tag="t"):
    x = D()
    y = D()
print("done")
