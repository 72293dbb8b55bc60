d = {"a": 1}
d["self"] = d
print(d)
print({1: [d]})
print(repr({}), str({"q": "x'y"}))
