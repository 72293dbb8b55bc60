class A:
    x = 1
    def __getattr__(self, name):
        return f"getattr:{name}"
a = A()
print(a.x, a.missing, getattr(a, "other"), hasattr(a, "anything"))
class B:
    def __getattribute__(self, name):
        if name == "secret":
            raise AttributeError("hidden")
        return f"ga:{name}"
    def __getattr__(self, name):
        return f"fallback:{name}"
b = B()
print(b.foo, b.secret)
class C:
    def __getattribute__(self, name):
        print("lookup", name)
        return object.__getattribute__(self, name)
    def method(self):
        return "m"
print(C().method())
