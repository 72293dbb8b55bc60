f = lambda (x): 0
