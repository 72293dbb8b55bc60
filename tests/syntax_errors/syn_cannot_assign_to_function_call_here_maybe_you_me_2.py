if 1:
  pass
elif 1:
  x() = 1
