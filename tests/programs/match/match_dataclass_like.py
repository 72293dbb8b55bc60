class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
class Point3(Point):
    __match_args__ = ("x", "y", "z")
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z
def f(p):
    match p:
        case Point3(x, y, z=0):
            return "flat3"
        case Point3(_, _, z):
            return f"3d z={z}"
        case Point(x, y) if x == y:
            return "diagonal"
        case Point():
            return "2d"
print(f(Point3(1, 2, 0)), f(Point3(1, 2, 3)), f(Point(2, 2)), f(Point(1, 2)))
