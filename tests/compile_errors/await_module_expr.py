x = 1 + await y
