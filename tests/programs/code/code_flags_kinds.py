def plain(): pass
def varargs(*a, **k): pass
def gen(): yield
def closure():
    v = 1
    def inner():
        return v
    return inner
async def coro(): pass
for f in [plain, varargs, gen, closure, closure(), coro, lambda: 0]:
    fl = f.__code__.co_flags
    names = [n for n, bit in [("OPTIMIZED", 1), ("NEWLOCALS", 2), ("VARARGS", 4), ("VARKEYWORDS", 8), ("NESTED", 16), ("GENERATOR", 32), ("NOFREE", 64), ("COROUTINE", 128)] if fl & bit]
    print(f.__code__.co_name, names)
