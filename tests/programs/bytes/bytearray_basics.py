ba = bytearray(b"hello")
ba[0] = 72
ba.append(33)
ba.extend(b"??")
print(ba, len(ba))
ba[1:3] = b"EEE"
print(ba)
del ba[0]
print(ba, ba.pop(), ba.pop(0), ba)
ba.insert(0, 65)
ba.remove(33)
print(ba, ba.find(b"l"), bytes(ba), ba.decode())
ba.reverse()
print(ba, ba.copy(), ba * 2, bytearray(3), bytearray.fromhex("41 42"))
try:
    ba[0] = 300
except ValueError as e:
    print(e)
ba.clear()
print(ba, repr(bytearray()))
