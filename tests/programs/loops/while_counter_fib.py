a, b = 0, 1
seq = []
while a < 1000:
    seq.append(a)
    a, b = b, a + b
print(seq)
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps", steps)
