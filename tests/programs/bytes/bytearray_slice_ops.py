ba = bytearray(range(10))
ba[2:5] = b""
print(ba)
ba[::2] = bytes(len(ba[::2]))
print(ba)
ba += b"\xff"
ba *= 2
print(len(ba), ba[-1], ba.count(0), ba.index(255))
del ba[::3]
print(ba)
