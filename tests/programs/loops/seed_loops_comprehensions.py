total = 0
for i in range(1_000):
    total += i
print(total)
squares = [i * i for i in range(10)]
print(squares, sum(squares))
print(5 / 2, 5 // 2, 5 % 2, -5 // 2, 2 ** 10)
evens = {i for i in range(10) if i % 2 == 0}
print(sorted(evens))
word_lengths = {w: len(w) for w in "the quick brown fox".split()}
print(word_lengths)
