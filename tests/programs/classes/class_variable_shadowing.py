class C:
    shared = []
    n = 0
a, b = C(), C()
a.shared.append(1)
a.n += 1
print(b.shared, b.n, a.n, C.n)
