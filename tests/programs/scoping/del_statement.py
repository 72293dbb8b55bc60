a, b, c = 1, 2, 3
del a, b
print("a" in globals(), c)
l = [1, 2, 3, 4]
del l[0], l[-1]
print(l)
d = {"k": 1, "j": 2}
del d["k"]
print(d)
class O: pass
o = O()
o.attr = 1
del o.attr
try:
    del o.attr
except AttributeError as e:
    print(e)
try:
    del undefined_name
except NameError as e:
    print(e)
