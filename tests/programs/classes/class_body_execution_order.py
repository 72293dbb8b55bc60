print("before class")
class C:
    print("class body start")
    x = 1
    def f(self):
        print("never printed at definition")
    print("class body end", x)
print("after class", C.x)
