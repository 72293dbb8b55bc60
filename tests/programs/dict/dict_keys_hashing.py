d = {}
d[1] = "int"
d[1.0] = "float"
d[True] = "bool"
print(d)
d[(1, 2)] = "tuple"
print(d[(1, 2)])
try:
    d[[1]] = 1
except TypeError as e:
    print(e)
try:
    {}[{}]
except TypeError as e:
    print(e)
print({0: "a", 0.0: "b", False: "c", -0.0: "d"})
