nan = float("nan")
t = (nan, 1)
print(t.count(nan), t.index(nan), nan in t, (nan,) == (nan,), (float("nan"),) == (float("nan"),))
