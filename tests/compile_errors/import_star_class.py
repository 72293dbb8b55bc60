class C:
    from sys import *
