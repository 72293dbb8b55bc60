"""Dicts and sets: word counting with get and setdefault, membership tests, an inverted
index, tuple keys, deletion and re-insertion, views, and set algebra. Nothing depends on
set iteration order (sums and sorted results only).

Measures hashing, dict/set lookup, insertion, resizing and deletion."""


def tokens(n, seed):
    x = seed
    out = []
    for _ in range(n):
        x = (x * 69069 + 1) & 0xFFFFFFFF
        out.append("w%d" % (x >> 22))  # about 1000 distinct words
    return out


def count_words(ws):
    counts = {}
    for w in ws:
        counts[w] = counts.get(w, 0) + 1
    return counts


def inverted_index(ws, width):
    index = {}
    for pos, w in enumerate(ws):
        index.setdefault(w, []).append(pos // width)
    return index


def grid(n):
    cells = {}
    for i in range(n):
        for j in range(n):
            cells[i, j] = (i * 31 + j * 17) % 10
    acc = 0
    for (i, j), v in cells.items():
        if (j, i) in cells:
            acc += v * cells[j, i]
    return acc


def churn(n):
    d = {}
    for i in range(n):
        d[i] = i
        if i % 3 == 0:
            del d[i // 2]
        elif i % 3 == 1 and i // 3 in d:
            d[i // 3] = d.pop(i // 3) + 1
    return len(d), sum(d.values())


def set_algebra(ws):
    acc = 0
    seen = set()
    for i in range(0, len(ws) - 200, 200):
        a = set(ws[i:i + 300])
        b = frozenset(ws[i + 100:i + 400])
        acc += len(a | b) + len(a & b) + len(a - b) + len(a ^ b)
        seen |= a
        if a <= seen:
            acc += 1
        acc += sum(1 for w in b if w in seen)
    return acc + len(seen)


def main():
    total = 0
    for seed in (3, 5, 7, 11):
        ws = tokens(250000, seed)
        counts = count_words(ws)
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        total += sum(c for _, c in top) + len(counts)
        index = inverted_index(ws, 50)
        total += sum(len(v) for k, v in index.items() if k.endswith("7"))
        total += set_algebra(ws)
    total += grid(300)
    a, b = churn(1000000)
    print("dicts_sets", total, a, b)


main()
