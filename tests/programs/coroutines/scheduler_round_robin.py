class Yield:
    def __await__(self):
        yield
async def task(name, n):
    for i in range(n):
        print(name, i)
        await Yield()
    return name
def run(*coros):
    queue = list(coros)
    results = []
    while queue:
        c = queue.pop(0)
        try:
            c.send(None)
            queue.append(c)
        except StopIteration as e:
            results.append(e.value)
    return results
print(run(task("a", 3), task("b", 1), task("c", 2)))
