class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
    def __repr__(self):
        return f"Point{tuple.__repr__(self)}"
p = Point(3, 4)
print(p, p.x, p[1], len(p), p == (3, 4), type(p + (1,)).__name__, isinstance(p, tuple))
