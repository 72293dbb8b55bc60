async def f():
    return 1
c = f()
c.send(None) if False else None
try:
    c.send(1)
except TypeError as e:
    print(e)
try:
    c.send(None)
except StopIteration as e:
    print("value", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print(e)
async def g():
    await 5
try:
    g().send(None)
except TypeError as e:
    print(e)
try:
    for x in f():
        pass
except TypeError as e:
    print(e)
