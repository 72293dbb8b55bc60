class ACM:
    async def __aenter__(self):
        print("aenter")
        return "resource"
    async def __aexit__(self, *exc):
        print("aexit", exc[0].__name__ if exc[0] else None)
        return True
async def main():
    async with ACM() as r:
        print("using", r)
    async with ACM():
        raise ValueError("swallowed")
    return "ok"
try:
    main().send(None)
except StopIteration as e:
    print(e.value)
