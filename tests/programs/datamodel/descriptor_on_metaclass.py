class Meta(type):
    @property
    def description(cls):
        return f"class {cls.__name__}"
class C(metaclass=Meta):
    pass
print(C.description)
try:
    C().description
except AttributeError as e:
    print(e)
