d = {}
for key in ["z", "a", "m", "b"]:
    d[key] = len(d)
print(d)
del d["a"]
d["a"] = 99
print(d, list(d))
d2 = {"b": 1, "a": 2}
print(d2 == {"a": 2, "b": 1}, list(d2) == list({"a": 2, "b": 1}))
d3 = dict.fromkeys(range(10))
for i in range(0, 10, 2):
    del d3[i]
d3[0] = "back"
print(list(d3))
