def deco(fn):
    def wrapper(*a):
        return fn(*a)
    return wrapper
@deco
def target(x):
    return x[10]
target([1])
