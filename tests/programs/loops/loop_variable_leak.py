for i in range(3):
    pass
print(i)
for j in []:
    pass
try:
    print(j)
except NameError as e:
    print(e)
for k, (a, b) in enumerate([(1, 2), (3, 4)]):
    pass
print(k, a, b)
