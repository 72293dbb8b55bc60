def add_repr(cls):
    def __repr__(self):
        return f"{cls.__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"
    cls.__repr__ = __repr__
    return cls
@add_repr
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
print(P(1, "a"))
