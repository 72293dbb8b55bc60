class C:
    global y
    y: int = 0
