def g():
    print("hello", 42, None, 3.5, (1, 2), b"x")
    return len([1]) + abs(-1)
print(g.__code__.co_consts)
print(g.__code__.co_names)
print(g.__code__.co_stacksize > 0, type(g.__code__.co_code).__name__)
def h():
    "doc"
    return 1
print(h.__code__.co_consts)
