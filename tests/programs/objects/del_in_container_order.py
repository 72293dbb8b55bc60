class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
lst = [D(1), D(2), D(3)]
del lst
print("list gone")
d = {"a": D("a"), "b": D("b")}
d.clear()
print("dict cleared")
t = (D("t1"), D("t2"))
t = None
print("tuple gone")
