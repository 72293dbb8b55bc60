class V:
    def __add__(self, other):
        return self.value + other
v = V()
v + 1
