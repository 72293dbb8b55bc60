def h(*args):
    raise ValueError("bad args: " + repr(args))
result = h(1,
           2,
           3)
