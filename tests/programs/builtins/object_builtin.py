o = object()
print(type(o) is object, object.__name__, str(type(o)))
try:
    object(1)
except TypeError as e:
    print(e)
print(object.__init__ is not None, object.__subclasshook__(int) is NotImplemented)
print(object.__doc__)
