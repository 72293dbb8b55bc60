def make_pair():
    value = 0
    def get():
        return value
    def set_(v):
        nonlocal value
        value = v
    return get, set_
g, s = make_pair()
s(42)
print(g(), g.__closure__[0] is s.__closure__[0])
