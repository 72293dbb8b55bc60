if x:
    a

  b
