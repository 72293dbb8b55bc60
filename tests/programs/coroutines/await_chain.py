class Sleep:
    def __init__(self, n):
        self.n = n
    def __await__(self):
        for i in range(self.n):
            yield f"tick {i}"
        return self.n
async def worker(name, n):
    r = await Sleep(n)
    return f"{name}:{r}"
async def main():
    a = await worker("a", 2)
    b = await worker("b", 1)
    return [a, b]
def run(coro):
    while True:
        try:
            print("yielded", coro.send(None))
        except StopIteration as e:
            return e.value
print(run(main()))
