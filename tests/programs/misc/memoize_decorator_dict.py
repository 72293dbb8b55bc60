def memo(fn):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    w.cache = cache
    return w
@memo
def ways(n):
    return 1 if n <= 1 else ways(n - 1) + ways(n - 2)
print(ways(100), len(ways.cache))
