class Awaitable:
    def __await__(self):
        value = yield "suspend"
        return value * 2
async def co():
    print("start")
    r = await Awaitable()
    print("resumed with", r)
    return "finished"
c = co()
print(type(c).__name__, c.__name__)
print(c.send(None))
try:
    c.send(21)
except StopIteration as e:
    print("result", e.value)
