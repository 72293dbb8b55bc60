items = [3, "x", 1]
items.sort()
