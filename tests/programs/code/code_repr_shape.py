def f():
    pass
r = repr(f.__code__)
print(r.startswith("<code object f at 0x"), r.endswith(', line 1>'), 'file "' in r)
