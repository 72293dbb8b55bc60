async def agen(n):
    for i in range(n):
        yield i
async def main():
    a = [x async for x in agen(4) if x % 2 == 0]
    b = {x: x * x async for x in agen(3)}
    c = [x for x in range(3)]
    return a, b, c
try:
    main().send(None)
except StopIteration as e:
    print(e.value)
