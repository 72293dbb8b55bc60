def f(): pass
z = [f(x) for x in y]
class C:
    a = 1
    w = [f(a) for i in range(3)]
async def g():
    async with a:
        await b
