def f():
    pass
print(f() is None, type(None)() is None, None == None, None != 0, None is not False)
try:
    None.attr = 1
except AttributeError as e:
    print(e)
