def f():
    [a, [b, __debug__]] = x
