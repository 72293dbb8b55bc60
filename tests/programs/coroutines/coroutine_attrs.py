async def f():
    return 1
c = f()
print(c.cr_running, c.cr_await, c.cr_code.co_name, c.cr_frame is not None, c.cr_suspended, c.__qualname__)
try:
    c.send(None)
except StopIteration as e:
    print(e.value, c.cr_frame)
