def gen():
    yield 1
    raise KeyError("from generator")
for item in gen():
    print(item)
