class MyInt(int):
    def __repr__(self):
        return f"MyInt({int(self)})"
m = MyInt(5)
print(m, m + 1, type(m + 1).__name__, isinstance(m, int))
print(MyInt("ff", 16), MyInt() == 0)
print(type(abs(MyInt(-3))).__name__, type(-m).__name__)
