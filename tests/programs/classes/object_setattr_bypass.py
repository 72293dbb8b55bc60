class Locked:
    def __setattr__(self, k, v):
        raise AttributeError("locked")
l = Locked()
object.__setattr__(l, "x", 1)
print(l.x)
try:
    object.__setattr__(1, "x", 1)
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
