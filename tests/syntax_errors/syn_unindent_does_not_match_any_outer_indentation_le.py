if 1:
  foo()
 bar()