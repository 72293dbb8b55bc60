x = "outer"
l = [x for x in range(3)]
print(x, l)
def f():
    y = 10
    return [y + i for i in range(3)]
print(f())
print([i for i in range(3) for _ in [i]])
class C:
    v = 5
    try:
        w = [v for _ in range(2)]
    except NameError as e:
        w = str(e)
print(C.w)
g = (z for z in range(3))
print(list(g))
try:
    print(z)
except NameError as e:
    print(e)
