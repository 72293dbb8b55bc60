def f(*):
  pass