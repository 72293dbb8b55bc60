def add(x, y):
    return x + y
def subtract(x, y):
    return x - y
ops = (add, subtract)
print([op(10, 3) for op in ops])
