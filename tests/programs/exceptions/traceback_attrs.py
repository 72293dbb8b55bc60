import sys
def f():
    raise ValueError("x")
try:
    f()
except ValueError as e:
    tb = e.__traceback__
    lines = []
    while tb:
        lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print(lines)
    print(type(e.__traceback__).__name__)
e2 = ValueError()
print(e2.__traceback__)
e3 = e2.with_traceback(None)
print(e3 is e2)
