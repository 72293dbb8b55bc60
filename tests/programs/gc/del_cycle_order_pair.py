import gc
class A:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name, "partner alive:", self.partner is not None)
x = A("x")
y = A("y")
x.partner = y
y.partner = x
del x, y
gc.collect()
print("done")
