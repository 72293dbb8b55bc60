"""Integer loops: Collatz chain lengths, a sieve of Eratosthenes, Euclid's gcd and a
digit-reversal loop, all with small ints in `while` and `for` loops.

Measures the dispatch of simple integer arithmetic, comparisons and jumps."""


def collatz_longest(limit):
    best, best_start = 0, 0
    for start in range(1, limit):
        n, steps = start, 0
        while n != 1:
            if n & 1:
                n = 3 * n + 1
            else:
                n >>= 1
            steps += 1
        if steps > best:
            best, best_start = steps, start
    return best_start * 1000 + best


def sieve(limit):
    composite = [False] * (limit + 1)
    count = 0
    total = 0
    for i in range(2, limit + 1):
        if not composite[i]:
            count += 1
            total += i
            j = i * i
            while j <= limit:
                composite[j] = True
                j += i
    return count, total


def gcd_sum(n):
    acc = 0
    for a in range(1, n):
        b = (a * 7919) % 1009 + 1
        while b:
            a, b = b, a % b
        acc += a
    return acc


def reversed_digits(n):
    acc = 0
    i = 0
    while i < n:
        x, r = i, 0
        while x > 0:
            r = r * 10 + x % 10
            x //= 10
        acc ^= r
        i += 1
    return acc


def main():
    longest = collatz_longest(150000)
    count, total = sieve(1000000)
    g = gcd_sum(300000)
    r = reversed_digits(300000)
    print("int_loops", longest, count, total, g, r)


main()
