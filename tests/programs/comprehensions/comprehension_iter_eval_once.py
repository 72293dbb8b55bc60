def src():
    print("src evaluated")
    return [1, 2]
print([x for x in src()])
def inner():
    print("inner iterable")
    return "ab"
print([(x, y) for x in src() for y in inner()])
