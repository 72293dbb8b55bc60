class A:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
a = A(1)
print("before")
del a
print("after")
b = A(2)
b = A(3)
print("rebound")
lst = [A(4), A(5)]
lst.pop(0)
print("popped")
lst.clear()
print("end")
