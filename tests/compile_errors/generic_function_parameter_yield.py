def f[T](a: (yield)):
    pass
