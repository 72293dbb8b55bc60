nan = float("nan")
l = [nan]
print(l == l, [nan] == [nan], l[0] == l[0], l.count(nan), nan in l, l.index(nan))
