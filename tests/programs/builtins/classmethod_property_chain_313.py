class C:
    @classmethod
    def cm(cls):
        return cls.__name__
print(C.cm(), type(C.__dict__["cm"]).__name__)
print(hasattr(classmethod, "__wrapped__") or True)
