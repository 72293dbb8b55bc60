"""Comprehensions: list, dict and set comprehensions and generator expressions, nested
loops and conditions inside them, tuple unpacking targets, a matrix product written as
nested comprehensions, and comprehensions feeding sum/min/max/any/all.

Measures the inlined comprehension code (PEP 709) and the building of lists, dicts, sets."""


def matmul(a, b):
    bt = [list(col) for col in zip(*b)]
    return [[sum(x * y for x, y in zip(row, col)) for col in bt] for row in a]


def main():
    total = 0
    for rnd in range(120):
        squares = [i * i for i in range(20000)]
        evens = [s for s in squares if s % 2 == 0]
        total += len(evens) + evens[-1] % 1000
        pairs = [(i, j) for i in range(150) for j in range(i % 7, 150, 7) if (i + j) % 3]
        total += len(pairs)
        index = {i: str(i) for i in range(5000)}
        inverse = {v: k for k, v in index.items() if k % 3}
        total += sum(inverse[str(k)] for k in range(1, 5000, 4) if str(k) in inverse)
        residues = {i * i % 1009 for i in range(10000)}
        total += len(residues) + min(residues) + max(residues)
        grid = [[(r * 7 + c * 3 + rnd) % 11 for c in range(30)] for r in range(30)]
        prod = matmul(grid, grid)
        total += sum(sum(row) for row in prod) % 100003
        flat = [x for row in grid for x in row if x]
        total += all(x > 0 for x in flat) + any(x > 10 for x in flat)
        words = [f"k{i % 97}" for i in range(5000)]
        freq = {w: words.count(w) for w in set(words[:50])}
        total += sum(freq.values())
        total += sum(len(s) for s in {w.upper() for w in words})
    print("comprehensions", total)


main()
