words = ["banana", "Apple", "cherry", "apple", "Banana", "", "a", "ä", "z"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: (len(w), w), reverse=True))
