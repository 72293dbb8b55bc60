class Idx:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
l = list(range(10))
print(l[Idx(3)], l[Idx(1):Idx(4)], "abc"[Idx(-1)], bin(Idx(5)), hex(Idx(255)), range(Idx(3)))
print([0] * Idx(2), (1).__add__(2), int(Idx(7)), format(Idx(1).__index__(), "b"))
class Bad:
    def __index__(self):
        return "no"
try:
    l[Bad()]
except TypeError as e:
    print(e)
try:
    l["a"]
except TypeError as e:
    print(e)
