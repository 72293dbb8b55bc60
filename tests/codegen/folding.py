"""Constant folding (ast_opt.c)."""
a = -1, +2, ~5, not 1, -0.0, -(1j)
b = 2 ** 10, 2 ** 200, 1 << 100, 1 << 200, -7 // 2, -7 % 3, 7.5 // -2, 7.5 % -2
c = 1 / 3, 10 / 4, 1j / 2, 3j ** 0j, (1 + 2j) * 3, 2 ** -1
d = "ab" * 3, "x" * 5000, (1, 2) * 3, b"xy" * 2, (1, 2) + (3,), "a" + "b"
e = "abc"[1], b"xyz"[0], (1, 2, 3)[-1], "abc"[5]
f = True & False, True | 2, 5 ^ 3, -8 >> 1
g = __debug__, -1e300 * 1e300 * 0
h = "%s-%r" % (x, y), "%5s|%-3a" % (x, y), "%d" % (x,), "%%s %s" % (x,)
if x in [1, 2, 3] or y not in {4, 5}:
    pass
for i in [a, b]:
    pass
k = [i for i in {1, 2, 2}]
if not a is b:
    pass
def doc():
    """  Indented
        docstring\twith tab
    end
    """
    "not a docstring"
