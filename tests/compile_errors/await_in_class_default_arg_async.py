async def f():
    class C:
        def m(self, a=await x):
            pass
