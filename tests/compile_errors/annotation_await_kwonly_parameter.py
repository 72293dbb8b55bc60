from __future__ import annotations
async def f():
    def g(*, k: (await v)):
        pass
