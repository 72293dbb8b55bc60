parts = []
for i in range(1000):
    parts.append(str(i))
s = "".join(parts)
print(len(s), s[:20], s[-10:], s.count("7"))
acc = ""
for c in "abc" * 100:
    acc += c
print(len(acc), acc[:6])
