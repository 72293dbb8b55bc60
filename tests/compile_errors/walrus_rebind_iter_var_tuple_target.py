[x := 1 for x, y in pairs]
