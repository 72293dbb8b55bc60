x = 1  # type: int
for a in b:  # type: List[int]
    pass
with a as b:  # type: int
    pass
def f(a,  # type: int
      b,  # type: str
      ):
    # type: (...) -> None
    pass
def g(a, b):  # type: (int, str) -> None
    pass
async def h():  # type: () -> None
    async for x in y:  # type: int
        pass
    async with a:  # type: int
        pass
import os  # type: ignore
y = 2  # type: ignore[misc]
