import sys
x = object()
before = sys.getrefcount(x)
lst = [x, x, x]
print(sys.getrefcount(x) - before)
del lst
print(sys.getrefcount(x) - before)
