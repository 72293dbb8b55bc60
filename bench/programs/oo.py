"""Object-oriented code: a small class hierarchy with __init__ chaining through super(),
method calls and overriding, instance and class attributes, properties, __slots__,
classmethods and staticmethods, operator overloading on a vector class, and isinstance.

Measures attribute lookup (instance dict, slots, class, MRO), bound-method calls and
object creation."""


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y


class Shape:
    created = 0

    def __init__(self, name, origin):
        self.name = name
        self.origin = origin
        Shape.created += 1

    def area(self):
        return 0

    def describe(self):
        return self.name

    def weight(self):
        return self.area() * self.density()

    def density(self):
        return 1

    @classmethod
    def unit(cls, origin):
        return cls(origin, 1)

    @staticmethod
    def clamp(v, lo, hi):
        return lo if v < lo else hi if v > hi else v


class Rect(Shape):
    def __init__(self, origin, w, h=None):
        super().__init__("rect", origin)
        self.w = w
        self.h = w if h is None else h

    def area(self):
        return self.w * self.h

    @property
    def perimeter(self):
        return 2 * (self.w + self.h)


class Square(Rect):
    def __init__(self, origin, side):
        super().__init__(origin, side, side)
        self.name = "square"

    def density(self):
        return 3


class Tri(Shape):
    def __init__(self, origin, base, height=2):
        Shape.__init__(self, "tri", origin)
        self.base = base
        self.height = height

    def area(self):
        return self.base * self.height // 2

    def describe(self):
        return "tri:" + super().describe()


class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0
        self.history = []

    def deposit(self, amount):
        self.balance += amount
        self.history.append(amount)
        return self

    def withdraw(self, amount):
        if amount <= self.balance:
            self.balance -= amount
            self.history.append(-amount)
            return True
        return False


def main():
    total = 0
    for rnd in range(48):
        shapes = []
        for i in range(10000):
            o = Vec(i % 13, i % 7)
            k = (i + rnd) % 4
            if k == 0:
                shapes.append(Rect(o, i % 9 + 1, i % 5 + 1))
            elif k == 1:
                shapes.append(Square(o, i % 6 + 1))
            elif k == 2:
                shapes.append(Tri(o, i % 11 + 2))
            else:
                shapes.append(Square.unit(o))
        acc = Vec(0, 0)
        for s in shapes:
            total += s.weight() + len(s.describe())
            if isinstance(s, Rect):
                total += s.perimeter
            acc = acc + s.origin * Shape.clamp(s.area(), 1, 20)
        total += acc.dot(Vec(3, -2))
        accounts = [Account(n) for n in range(50)]
        for i in range(20000):
            a = accounts[i % 50]
            if i % 3:
                a.deposit(i % 17)
            elif not a.withdraw(i % 23):
                total += 1
        total += sum(a.balance + len(a.history) for a in accounts)
    print("oo", total, Shape.created)


main()
