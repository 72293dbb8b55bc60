if True:
    nonlocal y
