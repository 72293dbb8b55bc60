print(str.upper.__objclass__, list.append.__name__, int.real.__objclass__, type(int.real).__name__)
print(type(type.__dict__["__name__"]).__name__, type(object.__dict__["__class__"]).__name__)
print(type(C.__dict__["__dict__"]).__name__ if (C := type("C", (), {})) else None)
