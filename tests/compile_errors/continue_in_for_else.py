for i in x:
    pass
else:
    continue
