import sys
def where():
    return sys._getframe(1).f_lineno
print(where())
x = (
    where()
)
print(x)
def multi():
    a = where()
    b = where(); c = where()
    return a, b, c
print(multi())
