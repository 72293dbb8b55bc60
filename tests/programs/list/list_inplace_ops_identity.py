a = [1, 2]
ida = a
a += [3]
a *= 2
print(a, a is ida)
a = a + [4]
print(a is ida, ida)
