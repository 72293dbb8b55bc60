print(..., Ellipsis is ..., type(...).__name__, None.__class__.__name__, type(None)(), NotImplemented)
print(bool(None), bool(...))
try:
    bool(NotImplemented)
except TypeError as e:
    print(e)
