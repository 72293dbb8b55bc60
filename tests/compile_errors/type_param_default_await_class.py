async def g():
    class C[T=await x]: pass
