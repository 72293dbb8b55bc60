import sys
def f():
    frame = sys._getframe()
    caller = sys._getframe(1)
    print(frame.f_code.co_name, caller.f_code.co_name, frame.f_back is caller)
    print(frame.f_lineno, caller.f_lineno)
    print(frame.f_globals is globals(), type(frame.f_builtins).__name__)
def g():
    f()
g()
try:
    sys._getframe(1000)
except ValueError as e:
    print(e)
print(sys._getframe().f_code.co_name, sys._getframe().f_back)
