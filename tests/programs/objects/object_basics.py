o = object()
print(type(o).__name__)
try:
    o.x = 1
except AttributeError as e:
    print(e)
print(object.__bases__, object.__mro__)
print(type.__mro__)
print(isinstance(type, object), isinstance(object, type))
