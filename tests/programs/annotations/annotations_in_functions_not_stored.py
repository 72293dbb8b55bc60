def f():
    x: int = 1
    y: list[undefined_name]
    return x
print(f(), f.__annotations__)
class K:
    z: int
    (w): str = "w"
print(K.__annotations__)
