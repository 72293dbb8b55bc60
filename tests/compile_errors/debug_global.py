def f():
    global __debug__
    __debug__ = 1
