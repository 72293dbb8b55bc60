import sys
counter = 0
def default():
    global counter
    counter += 1
    return counter
def f(x=default()):
    return x
print(f(), f(), counter)
def fact():
    def go(n):
        return 1 if n == 0 else n * go(n - 1)
    return go
print(fact()(10))
