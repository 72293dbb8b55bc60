a = 1
def f(p):
    q = 2
    return sorted(locals().items())
print(f(5))
print("a" in globals(), globals()["a"], vars()["a"] == a)
class C:
    def __init__(self):
        self.x = 1
print(vars(C()))
try:
    vars(1)
except TypeError as e:
    print(e)
def g():
    l = locals()
    l["new"] = 1
    try:
        return new
    except NameError as e:
        return str(e)
print(g())
