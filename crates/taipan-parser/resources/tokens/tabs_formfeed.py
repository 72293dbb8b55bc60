if x:
	if y:
		pass
z = 1
class A:
    def f(self): pass
