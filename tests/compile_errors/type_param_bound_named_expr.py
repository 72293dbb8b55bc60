def g[T: (x := int)]():
    pass
