"""Closures: counters and accumulators over `nonlocal` cells, function factories,
composition of small functions, decorators that wrap calls, lambdas capturing loop
variables through default arguments, and a memoizing wrapper around a recursive closure.

Measures cell loads and stores, closure creation and calls through wrappers."""


def counter(start):
    n = start

    def step(by=1):
        nonlocal n
        n += by
        return n
    return step


def compose(*fs):
    def run(x):
        for f in fs:
            x = f(x)
        return x
    return run


def adder(k):
    return lambda x: x + k


def scaler(k):
    def scale(x):
        return x * k % 1000003
    return scale


def counted(fn):
    calls = 0

    def wrapper(*args):
        nonlocal calls
        calls += 1
        return fn(*args)
    wrapper.calls = lambda: calls
    return wrapper


def memo_paths():
    cache = {}

    def paths(r, c):
        if r == 0 or c == 0:
            return 1
        key = (r, c)
        v = cache.get(key)
        if v is None:
            v = (paths(r - 1, c) + paths(r, c - 1)) % 1000000007
            cache[key] = v
        return v
    return paths


def main():
    total = 0
    for _ in range(5):
        tick = counter(10)
        for i in range(300000):
            total += tick(i & 3)
        pipeline = compose(adder(3), scaler(7), adder(-1), scaler(13))
        for i in range(150000):
            total += pipeline(i)
        fns = [lambda x, k=k: x * k + k for k in range(10)]
        for i in range(30000):
            for f in fns:
                total += f(i) & 255

        @counted
        def mix(a, b):
            return (a * 31 + b) & 0xFFFF
        for i in range(150000):
            total += mix(i, i >> 2)
        total += mix.calls()
        for n in range(10):
            paths = memo_paths()
            total += paths(120 + n, 110)
    print("closures", total)


main()
