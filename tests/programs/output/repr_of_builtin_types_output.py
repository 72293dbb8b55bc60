print(int, str, type, object, len, print, type(None), type(...), type(iter([])), type(iter(range(1))), type({}.keys()))
print(type(x for x in []), type(reversed([])), type(zip()), type(map(str, [])), type(enumerate([])), type(filter(None, [])))
print(type(iter("")), type(iter(())), type(iter(set())), type(iter({})), type(iter(b"")), type(iter(bytearray())))
print(type(lambda: 0), type(print), type([].append), type(object.__init__), type(str.join), type(int.__add__))
