class D(dict):
    def __missing__(self, key):
        return key * 2
d = D(a=1)
print(d["a"], d["bb"], d.get("bb"), "bb" in d, d)
