s = set()
s.update("ab", [1], {2: "x"})
print(sorted(map(str, s)))
print(set.union(*[{1}, {2}, {3}]), set().union(), {1, 2}.intersection())
try:
    set.union()
except TypeError as e:
    print(e)
