print(b"%s %d %x %5.2f %c %c %r %a" % (b"x", 3, 255, 1.5, 65, b"B", b"r", "é"))
try:
    b"%s" % "str"
except TypeError as e:
    print(e)
print(b"%b" % bytearray(b"ba"), b"%(k)s" % {b"k": b"v"})
