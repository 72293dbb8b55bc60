print(b"abc" == bytearray(b"abc"), hash(b"abc") == hash(b"abc"), b"a" in [bytearray(b"a")])
try:
    hash(bytearray(b"x"))
except TypeError as e:
    print(e)
print({b"k": 1}[b"k"], b"" == b"", bytes() is bytes() or True)
