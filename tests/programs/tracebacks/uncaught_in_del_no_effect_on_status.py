class D:
    def __del__(self):
        raise KeyError("from del")
d = D()
del d
print("status stays 0")
