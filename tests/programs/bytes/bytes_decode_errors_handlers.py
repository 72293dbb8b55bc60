raw = b"ok\xc3\x28end"
for handler in ["strict", "ignore", "replace", "backslashreplace", "surrogateescape"]:
    try:
        print(handler, repr(raw.decode("utf-8", handler)))
    except UnicodeDecodeError as e:
        print(handler, "->", e)
print(repr("ok\udcc3".encode("utf-8", "surrogateescape")))
print(b"\xe9".decode("latin-1"), "é".encode("latin-1"), "é".encode("cp1252"))
