class Point:
    def __init__(self):
        self.xcoord = 1
        self.ycoord = 2
    def distance(self):
        return 0
p = Point()
print(p.xcoord)
p.distanse()
