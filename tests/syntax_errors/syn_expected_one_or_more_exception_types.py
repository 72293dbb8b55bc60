try:
  pass
except* A as a:
  pass
except*:
  pass
