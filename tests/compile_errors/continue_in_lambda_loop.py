for i in x:
    def g():
        for j in y:
            pass
        continue
