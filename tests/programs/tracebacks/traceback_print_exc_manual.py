import sys
def f():
    raise ValueError("manual")
try:
    f()
except ValueError:
    sys.excepthook(*sys.exc_info())
print("continued after printing")
