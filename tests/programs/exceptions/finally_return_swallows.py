def f():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(f())
def g():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            if i < 2:
                continue
    return "loop"
try:
    print(g())
except KeyError as e:
    print("escaped", e)
