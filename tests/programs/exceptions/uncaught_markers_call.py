def f(x):
    return x.upper()
data = [1]
result = f(data[0])
