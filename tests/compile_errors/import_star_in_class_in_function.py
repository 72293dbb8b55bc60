def f():
    class C:
        from sys import *
