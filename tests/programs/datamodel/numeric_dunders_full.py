class N:
    def __init__(self, v): self.v = v
    def __repr__(self): return f"N({self.v})"
for op in ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "lshift", "rshift", "and", "or", "xor", "matmul"]:
    setattr(N, f"__{op}__", lambda self, o, op=op: f"{op}({self.v},{o})")
    setattr(N, f"__r{op}__", lambda self, o, op=op: f"r{op}({self.v},{o})")
n = N(1)
print(n + 2, n - 2, n * 2, n / 2, n // 2, n % 2, n ** 2, n << 2, n >> 2, n & 2, n | 2, n ^ 2, n @ 2)
print(2 + n, 2 - n, 2 * n, 2 / n, 2 // n, 2 % n, 2 ** n, 2 << n, 2 >> n, 2 & n, 2 | n, 2 ^ n, 2 @ n)
print(divmod(7, 2), pow(n, 3))
n2 = N(2)
n2 += 1
print(n2)
