class D:
    def __del__(self):
        print("in __del__")
def f():
    d = D()
    raise ValueError("x")
try:
    f()
except ValueError:
    print("handler")
print("end")
