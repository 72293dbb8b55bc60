m = memoryview(bytearray(b"\x01\x00\x00\x00\x02\x00\x00\x00"))
ints = m.cast("i")
print(ints.tolist(), ints.format, ints.itemsize, ints.nbytes, len(ints))
ints[1] = 7
print(bytes(m))
print(memoryview(b"abcd").cast("B", (2, 2)).tolist())
