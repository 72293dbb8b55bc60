for i in range(3):
    if i == 5:
        break
else:
    print("for completed")
for i in range(3):
    if i == 1:
        break
else:
    print("not printed")
n = 0
while n < 3:
    n += 1
else:
    print("while completed", n)
while True:
    break
else:
    print("not printed")
