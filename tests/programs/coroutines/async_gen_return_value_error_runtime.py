async def agen():
    yield 1
g = agen()
a = g.asend(None)
try:
    a.send(None)
except StopIteration as e:
    print("first", e.value)
try:
    a.send(None)
except RuntimeError as e:
    print(e)
