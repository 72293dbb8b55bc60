b = bytearray(b"abcdef")
m = memoryview(b)
print(m[0], m[-1], bytes(m[1:3]), m.tobytes(), m.tolist()[:3], len(m), m.readonly, m.format, m.itemsize, m.ndim, m.shape, m.strides)
m[0] = 65
print(b)
m2 = m[2:4]
m2[:] = b"XY"
print(b)
r = memoryview(b"xyz")
print(r.readonly)
try:
    r[0] = 1
except TypeError as e:
    print(e)
print(m == b"AbXYef", m.hex(), m.nbytes)
m.release()
try:
    m[0]
except ValueError as e:
    print(e)
with memoryview(b"q") as mv:
    print(mv.tobytes())
