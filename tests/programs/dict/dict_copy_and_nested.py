orig = {"list": [1], "n": 1}
shallow = orig.copy()
shallow["list"].append(2)
shallow["n"] = 99
print(orig, shallow)
print(dict(orig) == orig, {**orig} is not orig)
