class C:
    r = [x for x in range(3) if (y := x)]
