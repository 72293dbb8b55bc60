d = dict.fromkeys("abc", [])
d["a"].append(1)
print(d)
class MyDict(dict):
    pass
print(type(MyDict.fromkeys("x")).__name__)
