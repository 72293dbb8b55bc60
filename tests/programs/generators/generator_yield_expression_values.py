def acc():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total
a = acc()
next(a)
for v in [1, 2, 3]:
    print(a.send(v))
try:
    a.send(None)
except StopIteration as e:
    print("final", e.value)
