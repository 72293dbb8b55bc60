l = []
for _ in range(100):
    l = [l]
print(repr(l)[:20], len(repr(l)))
d = {}
cur = d
for i in range(50):
    cur["k"] = {}
    cur = cur["k"]
print(len(str(d)))
