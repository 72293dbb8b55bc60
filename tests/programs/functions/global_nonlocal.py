count = 0
def bump():
    global count
    count += 1
bump()
bump()
print(count)
def outer():
    x = "outer"
    def mid():
        def inner():
            nonlocal x
            x = "changed"
        inner()
    mid()
    return x
print(outer())
def make_global():
    global created
    created = "yes"
make_global()
print(created)
def shadow():
    count = 100
    def g():
        global count
        return count
    return g()
print(shadow())
