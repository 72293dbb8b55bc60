class D:
    def __get__(self, o, t):
        return 1
    def __delete__(self, o):
        print("deleting")
class C:
    x = D()
c = C()
del c.x
try:
    c.x = 5
except AttributeError as e:
    print(e)
