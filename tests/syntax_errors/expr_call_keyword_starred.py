f(a=*b)
