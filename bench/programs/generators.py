"""Generators: a pipeline of chained generators (source, filter, map, windowed pairs,
take), `yield from` over a recursively generated tree, a coroutine-style accumulator driven
by send(), generator expressions consumed by sum/any/max, and zip/enumerate over
generators.

Measures generator creation, resumption and suspension, and the iteration protocol."""


def naturals(start):
    n = start
    while True:
        yield n
        n += 1


def only(pred, it):
    for x in it:
        if pred(x):
            yield x


def mapped(fn, it):
    for x in it:
        yield fn(x)


def pairs(it):
    prev = next(it)
    for x in it:
        yield prev, x
        prev = x


def take(n, it):
    for x in it:
        if n <= 0:
            return
        n -= 1
        yield x


def tree(depth, label):
    if depth:
        yield from tree(depth - 1, label * 2)
        yield label
        yield from tree(depth - 1, label * 2 + 1)


def averager():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        if value is None:
            return count
        total += value
        count += 1
        avg = total // count


def main():
    total = 0
    for _ in range(5):
        stream = pairs(mapped(lambda x: x * x % 10007, only(lambda x: x % 3 != 0, naturals(1))))
        for a, b in take(300000, stream):
            total += a ^ b
        for d in (14, 15, 16):
            total += sum(x % 5 for x in tree(d, 1))
        acc = averager()
        next(acc)
        for i in range(200000):
            total += acc.send(i % 1000)
        try:
            acc.send(None)
        except StopIteration as e:
            total += e.value
        for i, (x, y) in enumerate(zip(naturals(0), (k * 3 for k in range(200000)))):
            total += (x + y + i) & 7
        total += any(x > 10 ** 9 for x in range(300000))
        total += max(x % 977 for x in range(300000))
    print("generators", total)


main()
