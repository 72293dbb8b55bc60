class C:
    pass
a, b = C(), C()
print(a == a, a == b, a != b)
print(a.__eq__(b), a.__ne__(a))
print(object.__eq__(a, a))
