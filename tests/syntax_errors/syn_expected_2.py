def f[T]()
    pass
