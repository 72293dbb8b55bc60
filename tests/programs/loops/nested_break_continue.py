for i in range(4):
    for j in range(4):
        if j == 2:
            break
        if i == j:
            continue
        print(i, j)
result = []
i = 0
while i < 10:
    i += 1
    if i % 2:
        continue
    if i > 8:
        break
    result.append(i)
print(result)
