adders = []
for n in range(3):
    adders.append(lambda x: x + n)
print([a(10) for a in adders])
adders2 = [(lambda n: lambda x: x + n)(n) for n in range(3)]
print([a(10) for a in adders2])
