x = 0b1c
