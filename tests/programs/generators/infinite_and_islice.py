def naturals():
    n = 0
    while True:
        yield n
        n += 1
out = []
for v in naturals():
    if v > 5:
        break
    out.append(v)
print(out)
def take(n, it):
    it = iter(it)
    return [next(it) for _ in range(n)]
print(take(4, naturals()))
