async def f():
    return 1
c = f()
del c
print("done")
