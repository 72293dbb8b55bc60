class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value)
    def __delattr__(self, name):
        print("del", name)
        super().__delattr__(name)
o = Logged()
o.x = 1
setattr(o, "y", 2)
del o.x
print(vars(o))
class Frozen:
    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is frozen")
try:
    Frozen().a = 1
except AttributeError as e:
    print(e)
