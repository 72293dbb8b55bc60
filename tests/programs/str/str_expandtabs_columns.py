s = "a\tbb\tccc\tdddd\te\n1\t22\t333"
for ts in (1, 2, 4, 8):
    print(repr(s.expandtabs(ts)))
