class O: pass
o = O()
for o.attr in range(3):
    pass
print(o.attr)
d = {}
for d["k"] in "ab":
    pass
print(d)
l = [0, 0]
for l[0], *l[1:] in [(1, 2, 3)]:
    pass
print(l)
