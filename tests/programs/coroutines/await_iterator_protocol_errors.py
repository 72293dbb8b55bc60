class BadAwait:
    def __await__(self):
        return 5
async def f():
    await BadAwait()
try:
    f().send(None)
except TypeError as e:
    print(e)
class Gen:
    def __await__(self):
        return iter([1, 2])
async def g():
    return await Gen()
c = g()
print(c.send(None), c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print("done", e.value)
