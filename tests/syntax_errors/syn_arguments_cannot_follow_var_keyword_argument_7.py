lambda a,*a, b, **c, d=4: None
