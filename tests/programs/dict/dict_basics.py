d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["a"], "a" in d, "z" not in d)
del d["b"]
print(d)
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e)
try:
    del d["missing"]
except KeyError as e:
    print("KeyError", e)
d["a"] = 10
print(list(d), d)
print(dict(), dict(a=1), dict([("x", 1), ("y", 2)]), dict({"k": 1}, z=2), dict(zip("ab", [1, 2])))
