def echo():
    received = None
    try:
        while True:
            try:
                received = yield received
            except ValueError as e:
                received = "caught " + str(e)
    finally:
        print("cleanup")
g = echo()
print(next(g))
print(g.send("hello"))
print(g.throw(ValueError("boom")))
print(g.send(1))
g.close()
try:
    g.send(2)
except StopIteration:
    print("stopped")
g2 = echo()
try:
    g2.send("x")
except TypeError as e:
    print(e)
