s = "héllo €"
print(s.encode(), s.encode("utf-8"), s.encode("latin-1", "replace"), s.encode("ascii", "ignore"))
print(s.encode("ascii", "xmlcharrefreplace"), s.encode("ascii", "backslashreplace"))
try:
    s.encode("ascii")
except UnicodeEncodeError as e:
    print(e)
b = s.encode()
print(b.decode(), b.decode("latin-1"))
try:
    b"\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print(e)
print(b"\xffab".decode("utf-8", "replace"), b"\xffab".decode("utf-8", "ignore"), b"\xffab".decode("utf-8", "backslashreplace"))
print("\ud800".encode("utf-8", "surrogatepass"), b"\xed\xa0\x80".decode("utf-8", "surrogatepass") == "\ud800")
print(b"a\xffb".decode("utf-8", "surrogateescape").encode("utf-8", "surrogateescape"))
print("abc".encode("utf-16-le"), "abc".encode("utf-32-be"), len("😀".encode("utf-16-le")))
