with x:
    continue
