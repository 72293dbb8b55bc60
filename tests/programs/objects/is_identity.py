a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c)
print(None is None, type(None) is type(None))
b.append(3)
print(a)
