async def agen():
    try:
        yield 1
        yield 2
    finally:
        print("agen finally")
g = agen()
try:
    g.__anext__().send(None)
except StopIteration as e:
    print("got", e.value)
try:
    g.aclose().send(None)
except StopIteration:
    print("closed")
print(g.ag_frame)
