b = b"\x00\x7f\x80\xff"
print(list(b), b[2], b[-1:], [hex(x) for x in b], bytes(reversed(b)))
print(b"abc"[1], type(b"abc"[1]).__name__, b"abc"[1:2], b"abc" * 0)
print(bytes.fromhex("00ff"), bytearray(b"x") + b"y", b"y" + bytearray(b"x"), type(b"y" + bytearray(b"x")).__name__)
