def g():
    yield 1
x = g()
print(x.gi_running, x.gi_frame is not None, x.gi_suspended, x.gi_code.co_name)
next(x)
print(x.gi_suspended, x.gi_frame.f_lineno)
list(x)
print(x.gi_frame, x.gi_suspended)
def reent():
    yield next(me)
me = reent()
try:
    next(me)
except ValueError as e:
    print(e)
