l = [1, 2]
l.append(l)
print(l, repr(l), str([l]))
print([[]] * 2, [None, True, "s", 1.5, (1,)])
