def f():
    def g():
        from os import *
    return g
