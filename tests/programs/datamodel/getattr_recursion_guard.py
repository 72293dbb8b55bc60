class Lazy:
    def __init__(self):
        self.loaded = {"a": 1}
    def __getattr__(self, name):
        try:
            return self.loaded[name]
        except KeyError:
            raise AttributeError(name) from None
l = Lazy()
print(l.a, getattr(l, "b", "default"))
class Broken:
    def __getattr__(self, name):
        return self.missing_too
try:
    Broken().x
except RecursionError as e:
    print("RecursionError", e)
