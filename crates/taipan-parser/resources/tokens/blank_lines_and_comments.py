

# c1
   # c2

if x:

    # c3
    pass
    # c4

# c5
