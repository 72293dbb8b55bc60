x = [1]
print(x.__class__ is type(x), type(type(x)), type.__class__, object.__class__)
class C:
    pass
print(C.__class__, C().__class__.__name__, type(C()).__mro__)
