async def ag():
    try:
        x = yield 1
        print("got", x)
        yield 2
    except ValueError:
        yield "caught"
    finally:
        print("ag finally")
def drive(aw):
    try:
        aw.send(None)
    except StopIteration as e:
        return e.value
    except StopAsyncIteration:
        return "StopAsyncIteration"
g = ag()
print(drive(g.asend(None)))
print(drive(g.asend("hello")))
print(drive(g.athrow(ValueError)))
print(drive(g.aclose()))
print(g.ag_running, type(g).__name__)
