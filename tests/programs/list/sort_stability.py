records = [("alice", 3), ("bob", 1), ("carol", 3), ("dave", 2), ("eve", 1), ("frank", 2)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1], reverse=True))
s = sorted(records, key=lambda r: r[0], reverse=True)
print(sorted(s, key=lambda r: r[1]))
data = [(i % 3, i) for i in range(20)]
print(sorted(data, key=lambda p: p[0]) == sorted(data, key=lambda p: (p[0], p[1])))
