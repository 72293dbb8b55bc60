sys_mod = __import__("sys")
print(sys_mod.__name__, type(sys_mod).__name__)
import sys as s2, gc, builtins
print(s2 is sys_mod, gc.__name__, builtins.__name__, builtins.len is len)
from sys import maxsize as m
print(m == sys_mod.maxsize)
print("sys" in sys_mod.modules, sys_mod.modules["builtins"] is builtins)
try:
    __import__("no_such_module_abc")
except ImportError as e:
    print(type(e).__name__, e)
try:
    from sys import nope
except ImportError as e:
    print(e)
