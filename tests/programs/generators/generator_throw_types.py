def g():
    try:
        yield
    except Exception as e:
        print("got", type(e).__name__, e)
        yield "handled"
x = g()
next(x)
print(x.throw(KeyError("k")))
y = g()
try:
    y.throw(ValueError("unstarted"))
except ValueError as e:
    print("unstarted", e)
z = g()
next(z)
try:
    z.throw(GeneratorExit)
except GeneratorExit:
    print("genexit propagated")
