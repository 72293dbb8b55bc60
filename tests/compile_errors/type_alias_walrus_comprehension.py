type A = [(y := x) for x in range(2)]
