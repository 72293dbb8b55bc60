import gc
x = [1, "a"]
y = {"k": x}
print(x in gc.get_referents(y) or any(r is x for r in gc.get_referents(y)))
print(any(r is y for r in gc.get_referrers(x)))
