print(round(7), round(7.5), round(8.5), round(-7.5), round(7.45, 1), round(7, -1), round(15, -1), round(25, -1))
print(round(2**100 + 0.0), round(123, 5), round(1.23456789, 4))
class R:
    def __round__(self, n=None):
        return f"R{n}"
print(round(R()), round(R(), 3))
try:
    round("1")
except TypeError as e:
    print(e)
