d = {"a": 1, "b": 2, "c": 3}
print(d.get("a"), d.get("z"), d.get("z", 0))
print(d.setdefault("a", 9), d.setdefault("d", 4), d)
print(d.pop("a"), d.pop("zz", None), d)
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError", e)
print(d.popitem(), d)
d.update({"x": 1}, y=2)
d.update([("z", 3)])
print(d)
c = d.copy()
c["new"] = 1
print(d, c)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
d.clear()
print(d)
try:
    d.popitem()
except KeyError as e:
    print("KeyError", e)
