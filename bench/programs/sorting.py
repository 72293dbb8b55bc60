"""Sorting: list.sort and sorted on ints, floats, strings and tuples, with key functions
(lambdas, a plain function, bound methods), reverse=True, multi-pass stable sorts, and
min/max with keys. Inputs come from a linear congruential generator, so they are the same
in every run and on every interpreter.

Measures the sort itself (comparisons of each type) and calls of the key function."""


def lcg(n, seed):
    x = seed
    out = []
    for _ in range(n):
        x = (x * 1664525 + 1013904223) & 0xFFFFFFFF
        out.append(x)
    return out


def digest(seq):
    acc = 0
    for i, v in enumerate(seq[::37]):
        acc = (acc * 1000003 + i * v) % 998244353
    return acc


def by_last_digit(v):
    return v % 10


def main():
    total = 0
    for seed in range(6):
        nums = lcg(60000, seed)
        total += digest(sorted(nums))
        total += digest(sorted(nums, reverse=True))
        total += digest(sorted(nums, key=by_last_digit))  # stability keeps the input order inside a key
        floats = [v / 7.0 - 1e8 for v in nums]
        floats.sort(key=abs)
        total += int(floats[0]) + int(floats[-1])
        words = ["%x" % (v >> 9) for v in nums[:30000]]
        total += digest([len(w) for w in sorted(words)])
        total += digest([int(w, 16) for w in sorted(words, key=str.upper)])
        records = [(v % 97, "n%d" % (v % 1013), v) for v in nums[:40000]]
        records.sort(key=lambda r: r[2])
        records.sort(key=lambda r: (r[0], r[1]))
        total += digest([r[2] for r in records])
        records.sort(key=lambda r: r[1], reverse=True)
        total += digest([r[0] for r in records])
        total += min(nums, key=lambda v: v ^ 0x5A5A5A5A) + max(words, key=len).count("f")
        # Nearly sorted and descending runs.
        runs = sorted(nums[:20000]) + sorted(nums[20000:40000], reverse=True)
        runs.sort()
        total += digest(runs)
    print("sorting", total)


main()
