x = 0
class C:
    global x
    x = 5
print(x)
def f():
    global y
    return [y for _ in range(1)] if "y" in globals() else "no y"
print(f())
y = 7
print(f())
