class C:
    pass
c = C()
c.__dict__["a"] = 1
c.b = 2
print(c.a, vars(c))
c.__dict__ = {"z": 26}
print(c.z, hasattr(c, "a"))
try:
    c.__dict__ = 5
except TypeError as e:
    print(e)
c.__class__ = type("Other", (), {})
print(type(c).__name__)
try:
    (1).__class__ = str
except TypeError as e:
    print(e)
