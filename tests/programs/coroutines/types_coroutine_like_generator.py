def legacy():
    yield "from legacy"
    return "legacy result"
async def f():
    try:
        await legacy()
    except TypeError as e:
        return str(e)
try:
    f().send(None)
except StopIteration as e:
    print(e.value)
