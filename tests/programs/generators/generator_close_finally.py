def g():
    try:
        yield 1
        yield 2
    finally:
        print("finally")
x = g()
next(x)
x.close()
print("closed")
def bad():
    try:
        yield 1
    except GeneratorExit:
        yield 2
y = bad()
next(y)
try:
    y.close()
except RuntimeError as e:
    print(e)
z = g()
print(next(z))
del z
print("after del")
