def foo(a,*b,c,/,d,e):
   pass
