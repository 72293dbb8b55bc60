r = range(2**64, 2**64 + 3)
print(list(r), len(r), r[1], (2**64 + 1) in r)
it = iter(range(2**63 - 2, 2**63 + 1))
print(list(it))
