import sys
class C:
    x = 1
    names = sorted(k for k in sys._getframe().f_locals if not k.startswith("__"))
print(C.names)
print(sys._getframe().f_locals is sys._getframe().f_globals)
