class C:
    x = 1
print(sorted(vars(C))[:3] == sorted(C.__dict__)[:3], "x" in dir(C), dir() == sorted(dir()))
def f():
    a = 1
    b = 2
    return dir()
print(f())
