def gen():
    yield 1
async def co():
    pass
async def agen():
    yield 1
def plain():
    pass
for f in (gen, co, agen, plain):
    print(f.__name__, hex(f.__code__.co_flags))
c = co()
c.close()
