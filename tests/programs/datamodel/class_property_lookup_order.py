class Meta(type):
    attr = "meta"
class C(metaclass=Meta):
    pass
print(C.attr)
try:
    C().attr
except AttributeError as e:
    print(e)
class D(metaclass=Meta):
    attr = "class"
print(D.attr, D().attr)
