def f():
    secret = 42
    raise ValueError
try:
    f()
except ValueError as e:
    tb = e.__traceback__.tb_next
    print(tb.tb_frame.f_code.co_name, tb.tb_frame.f_locals["secret"], tb.tb_lineno, tb.tb_lasti >= 0)
