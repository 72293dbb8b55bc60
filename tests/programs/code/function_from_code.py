FunctionType = type(lambda: 0)
def template(a, b):
    return a * b
f = FunctionType(template.__code__, {"__builtins__": __builtins__}, "custom", (10,))
print(f.__name__, f(2), f(2, 3), f.__defaults__)
def with_free():
    x = 1
    def g():
        return x
    return g
g = with_free()
try:
    FunctionType(g.__code__, {})
except TypeError as e:
    print(e)
cell = g.__closure__[0]
h = FunctionType(g.__code__, {}, None, None, (cell,))
print(h())
