import sys
def f():
    fr = sys._getframe()
    return fr.f_trace, fr.f_lasti >= 0, type(fr.f_lasti).__name__, fr.f_trace_lines, fr.f_trace_opcodes
print(f())
