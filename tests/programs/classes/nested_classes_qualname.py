class Outer:
    class Inner:
        class Deep:
            pass
    def method(self):
        class Local:
            pass
        return Local
print(Outer.Inner.__qualname__, Outer.Inner.Deep.__qualname__, Outer().method().__qualname__)
print(repr(Outer.Inner.Deep), Outer.Inner.__name__)
