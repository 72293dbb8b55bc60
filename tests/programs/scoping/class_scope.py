x = "global"
class C:
    x = "class"
    y = x
    def m(self):
        return x
    z = [x for _ in range(1)]
print(C.y, C().m(), C.z)
def f():
    x = "func"
    class D:
        print(x)
        x = "dclass"
        print(x)
    return D.x
print(f())
def g():
    x = "g"
    class E:
        y = x
    return E.y
print(g())
