def g[T: [(y := x) for x in range(2)]]():
    pass
