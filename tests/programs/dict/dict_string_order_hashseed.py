words = "the quick brown fox jumps over the lazy dog again and again".split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts)
s = set(words)
print(len(s), sorted(s))
print(list(set("abcdefghij")))
print(list({"alpha", "beta", "gamma", "delta"}))
