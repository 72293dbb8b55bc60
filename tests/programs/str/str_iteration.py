s = "héllo"
print(list(s), [ord(c) for c in s], list(reversed(s)), sorted(s), "".join(sorted(s, reverse=True)))
it = iter("ab")
print(next(it), next(it), next(it, "done"))
print(list(enumerate("abc")), dict(zip("abc", range(3))))
