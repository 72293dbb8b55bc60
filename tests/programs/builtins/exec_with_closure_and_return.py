g = {}
exec("""
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
c(); c()
result = c()
""", g)
print(g["result"])
try:
    exec("return 5")
except SyntaxError as e:
    print(e.msg)
