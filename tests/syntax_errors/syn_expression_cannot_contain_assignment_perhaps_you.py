f(lambda x: x[0] = 3)
