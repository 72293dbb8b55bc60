print(" ".join(("a", "b")), "".join({"k": 1}), "-".join(x for x in "xyz"), ",".join(map(str, [1, 2])))
class S(str): pass
print("+".join([S("p"), S("q")]), type("".join([S("x")])).__name__)
try:
    "".join([b"a"])
except TypeError as e:
    print(e)
