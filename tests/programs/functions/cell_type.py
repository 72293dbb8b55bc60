def f():
    x = 1
    def g():
        return x
    return g
cell = f().__closure__[0]
print(type(cell).__name__, cell.cell_contents)
def h():
    def g():
        return y
    c = g.__closure__[0]
    try:
        c.cell_contents
    except ValueError as e:
        print(e)
    y = 2
    print(c.cell_contents)
h()
