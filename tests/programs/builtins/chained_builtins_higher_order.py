words = ["kiwi", "fig", "banana", "apple", "date"]
print(sorted(words, key=lambda w: (len(w), w)))
print(list(map(len, words)), list(filter(lambda w: "a" in w, words)))
print(dict(zip(words, map(len, words))))
print(max(words, key=len), min(words, key=lambda w: w[-1]))
print(sum(map(len, words)), any(w.startswith("b") for w in words), all(len(w) > 2 for w in words))
