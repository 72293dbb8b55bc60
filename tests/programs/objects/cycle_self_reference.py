a = []
a.append(a)
print(a)
d = {}
d["self"] = d
print(d)
t = ([],)
t[0].append(t)
print(t)
