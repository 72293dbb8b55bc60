def f(a, *args, b=1, **kwargs):
    return f"a={a} args={args} b={b} kwargs={kwargs}"
print(f(1), f(1, 2, 3), f(1, b=2, c=3), f(*range(3), **{"b": 9, "z": 0}))
print(f.__code__.co_flags & 0x0C, f.__code__.co_argcount, f.__code__.co_kwonlyargcount)
