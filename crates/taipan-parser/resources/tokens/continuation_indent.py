if x:
    \
  y
