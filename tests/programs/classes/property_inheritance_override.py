class Base:
    @property
    def value(self):
        return "base"
class Child(Base):
    @Base.value.getter
    def value(self):
        return "child+" + super().value
print(Child().value, Base().value)
