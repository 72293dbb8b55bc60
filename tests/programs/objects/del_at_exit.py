class A:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
x = A("global")
def f():
    y = A("local")
    print("in f")
f()
print("end of module")
