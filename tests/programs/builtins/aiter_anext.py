async def agen():
    yield 1
    yield 2
async def main():
    it = aiter(agen())
    print(await anext(it), await anext(it), await anext(it, "end"))
c = main()
try:
    c.send(None)
except StopIteration:
    print("done")
try:
    aiter([1])
except TypeError as e:
    print(e)
try:
    anext([1])
except TypeError as e:
    print(e)
