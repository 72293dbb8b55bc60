class R:
    def __init__(self):
        self.log = []
for op in ["iadd", "isub", "imul", "itruediv", "ifloordiv", "imod", "ipow", "ilshift", "irshift", "iand", "ior", "ixor", "imatmul"]:
    def m(self, o, op=op):
        self.log.append(op)
        return self
    setattr(R, f"__{op}__", m)
r = R()
r += 1; r -= 1; r *= 1; r /= 1; r //= 1; r %= 1; r **= 1; r <<= 1; r >>= 1; r &= 1; r |= 1; r ^= 1; r @= 1
print(r.log)
