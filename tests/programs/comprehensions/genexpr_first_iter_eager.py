def it():
    print("iterator created")
    return iter([1, 2])
g = (x for x in it())
print("genexpr created")
print(list(g))
try:
    (x for x in 1)
except TypeError as e:
    print("eager error:", e)
