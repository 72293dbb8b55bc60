value = "global"
class C:
    value = "class"
    def method(self):
        return value
    lam = lambda self: value
print(C().method(), C().lam())
