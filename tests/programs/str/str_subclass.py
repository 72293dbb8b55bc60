class Upper(str):
    def __new__(cls, v):
        return super().__new__(cls, v.upper())
    def shout(self):
        return self + "!"
u = Upper("hi")
print(u, type(u).__name__, u.shout(), type(u.shout()).__name__, type(u.lower()).__name__, repr(u))
print(str(u) is u, type(str(u)).__name__, u == "HI", hash(u) == hash("HI"))
