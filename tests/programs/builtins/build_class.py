import builtins
def body():
    x = 1
    def method(self):
        return "m"
    return None
Made = builtins.__build_class__(body, "Made")
print(Made.__name__, Made.x if hasattr(Made, "x") else "no x")
def body2():
    y = 2
Made2 = __build_class__(body2, "Made2", Made)
print(Made2.__mro__)
try:
    __build_class__(1, "X")
except TypeError as e:
    print(e)
