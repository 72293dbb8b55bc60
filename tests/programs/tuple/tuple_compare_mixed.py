print((1, "a") < (1, "b"), (1, 2) == (1, 2.0), () < (0,), (1, (2, 3)) < (1, (2, 4)))
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print(e)
print(sorted([(2, "b"), (1, "z"), (2, "a")]), max([(1, 2), (1, 3)]))
