def k(x):
    print("key", x)
    return x
def v(x):
    print("value", x)
    return x
print({k(i): v(i * 10) for i in range(2)})
d = {k("a"): v("A"), k("b"): v("B")}
