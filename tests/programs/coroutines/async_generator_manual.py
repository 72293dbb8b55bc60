async def agen():
    for i in range(3):
        yield i
    print("agen done")
async def main():
    out = []
    async for v in agen():
        out.append(v)
    return out
c = main()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
async def comp():
    return [v async for v in agen() if v != 1]
try:
    comp().send(None)
except StopIteration as e:
    print(e.value)
