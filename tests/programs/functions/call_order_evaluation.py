def p(x):
    print("eval", x)
    return x
def f(*a, **k):
    return a, k
print(f(p(1), p(2), k=p(3), *[p(4)], **{"z": p(5)}))
d = {p("k1"): p("v1"), p("k2"): p("v2")}
print(d)
p("a")[p(0):p(1)] if False else None
l = [0, 0]
l[p(0)] = p(9)
print(l)
x = p(1) + p(2) * p(3)
print(x)
