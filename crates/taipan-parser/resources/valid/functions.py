@decorator
@decorator.attr(arg)
@(lambda f: f)
def f(a, b: int = 1, /, c=2, *args: str, d, e: float = 3.0, **kwargs) -> None:
    """Doc."""
    nonlocal x
    return a


def g(*, a, b=1): pass
def h(a, /): pass
def i(*args: *Ts): pass
def j[T](x: T) -> T: return x
def k[T: int, *Ts, **P](): pass
def l[T = int, *Ts = *tuple[int], **P = [int]](): pass
class C[T: (int, str) = int]: pass
async def m():
    await x
    async for a in b:
        pass
    async with c as d, e:
        pass
    return [x async for x in y]
lambda *a, **k: 0
lambda a, *, b: 0
lambda a=1, /, b=2: 0
f(a)(b)(c)
f(x for x in y)
f(*a, *b, **c, **d)
f(a=1, b=2)
