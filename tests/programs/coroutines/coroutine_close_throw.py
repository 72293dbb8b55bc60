class Y:
    def __await__(self):
        yield 1
async def f():
    try:
        await Y()
    except KeyError:
        print("caught in coro")
        return "recovered"
    finally:
        print("finally")
c = f()
c.send(None)
try:
    c.throw(KeyError("k"))
except StopIteration as e:
    print(e.value)
c2 = f()
c2.send(None)
c2.close()
print(c2.cr_frame)
