class E(Exception):
    def __repr__(self):
        return repr(self)
print(str(E("s")))
raise E("shown by str")
