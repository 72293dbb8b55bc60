def deco(fn):
    def wrapper(*a, **k):
        print("calling", fn.__name__)
        return fn(*a, **k)
    wrapper.__wrapped__ = fn
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper
@deco
def add(a, b):
    "add two"
    return a + b
print(add(1, 2), add.__name__, add.__doc__, add.__wrapped__(3, 4), add.__qualname__)
