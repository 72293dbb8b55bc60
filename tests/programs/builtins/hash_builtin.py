print(hash(1), hash(0), hash(-1), hash(True), hash(None) == hash(None), hash(()), hash(1.0))
print(hash((1, "a")) == hash((1, "a")), hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
for v in [[], {}, set(), bytearray()]:
    try:
        hash(v)
    except TypeError as e:
        print(e)
print(hash("") , hash(b""))
