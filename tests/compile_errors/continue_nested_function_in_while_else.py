while x:
    pass
else:
    def f():
        continue
