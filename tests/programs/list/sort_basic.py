l = [5, 2, 9, 1, 5, 6]
l.sort()
print(l)
l.sort(reverse=True)
print(l)
words = ["banana", "pie", "Washington", "book"]
print(sorted(words, key=len), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(l.sort(), sorted("cba"), sorted((3, 1, 2)), sorted({"b": 1, "a": 2}))
try:
    [1, "a"].sort()
except TypeError as e:
    print(e)
try:
    sorted([1], key=1)
except TypeError as e:
    print(e)
