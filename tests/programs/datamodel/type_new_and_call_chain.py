class Meta(type):
    def __call__(cls, *args, **kw):
        print("Meta.__call__ before")
        inst = super().__call__(*args, **kw)
        print("Meta.__call__ after")
        return inst
class C(metaclass=Meta):
    def __new__(cls, *a):
        print("C.__new__", a)
        return super().__new__(cls)
    def __init__(self, *a):
        print("C.__init__", a)
C(1, 2)
