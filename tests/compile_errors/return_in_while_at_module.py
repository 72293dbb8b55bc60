while True:
    return
