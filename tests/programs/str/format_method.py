print("{} {}".format(1, 2), "{1} {0}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("{0[1]} {0[key]}".format({1: "one", "key": "val"}) if False else "{0[0]} {1[key]}".format([9], {"key": "val"}))
class P:
    x = 5
print("{0.x} {p.x}".format(P(), p=P()))
print("{!r} {!s} {!a}".format("é", "é", "é"))
print("{:>{w}}|{:^{w}.{p}f}".format("r", 3.14159, w=8, p=2))
print("{{literal}} {}".format(1))
for bad in ["{", "}", "{0} {}", "{:d}", "{1}", "{x}", "{!z}"]:
    try:
        print(bad.format("s"))
    except (ValueError, IndexError, KeyError) as e:
        print(type(e).__name__, e)
print("{0}{0}".format("ab"), "{:,}".format(10**9))
print("{a}{b}".format_map({"a": 1, "b": 2}))
class D(dict):
    def __missing__(self, k):
        return "<" + k + ">"
print("{a} {zz}".format_map(D(a=1)))
