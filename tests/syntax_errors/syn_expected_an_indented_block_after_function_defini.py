def foo(x, /, y, *, z=2):
pass
