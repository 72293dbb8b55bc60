for t in [lambda: isinstance(1, "int"), lambda: issubclass("int", int), lambda: issubclass(int, (int, 1))]:
    try:
        print(t())
    except TypeError as e:
        print(e)
print(issubclass(int, (int, 1)))
print(isinstance(None, type(None)), issubclass(type, object), issubclass(object, type))
