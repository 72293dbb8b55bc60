x = 1 +
if 1:
        pass
    pass
