x = 1
class C:
    def m(self):
        nonlocal x
