def g():
    yield 1
x = g()
next(x)
try:
    x.throw(ValueError("thrown"))
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(names)
