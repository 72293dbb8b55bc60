a = 256
b = 255 + 1
print(a == b)
x = "hello"
y = "hel" + "lo"
print(x == y)
print(1 == 1.0, hash(1) == hash(1.0), 1 is not 1.0)
