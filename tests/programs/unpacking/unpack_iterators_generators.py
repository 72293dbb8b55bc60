def gen():
    print("gen start")
    yield 1
    yield 2
a, b = gen()
print(a, b)
x, *y = iter(range(4))
print(x, y)
k1, k2 = {"one": 1, "two": 2}
print(k1, k2)
(m, n), = [(5, 6)]
print(m, n)
