class Data:
    def __get__(self, obj, owner):
        return "data-get"
    def __set__(self, obj, value):
        print("data-set", value)
class NonData:
    def __get__(self, obj, owner):
        return "nondata-get"
class C:
    d = Data()
    n = NonData()
c = C()
c.__dict__["d"] = "instance-d"
c.__dict__["n"] = "instance-n"
print(c.d, c.n)
c.d = 5
print(C.d, C.n)
print(C.__dict__["d"].__get__(None, C))
