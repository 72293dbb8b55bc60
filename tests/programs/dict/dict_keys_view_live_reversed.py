d = dict.fromkeys("abc", 0)
r = reversed(d)
print(next(r))
d["z"] = 1
try:
    next(r)
except RuntimeError as e:
    print(e)
