print("module start")
ops = (add, subtract)
def add(x, y):
    return x + y
def subtract(x, y):
    return x - y
