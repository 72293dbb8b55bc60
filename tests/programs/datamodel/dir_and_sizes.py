class C:
    a = 1
    def m(self):
        pass
c = C()
c.inst = 2
print([n for n in dir(c) if not n.startswith("__")])
print([n for n in dir(C) if not n.startswith("__")])
class WithDir:
    def __dir__(self):
        return ["z", "a", "m"]
print(dir(WithDir()))
print("append" in dir([]), dir(1)[:3])
