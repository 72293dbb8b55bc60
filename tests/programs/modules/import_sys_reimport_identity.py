import sys
import sys as s2
from sys import modules
print(s2 is sys, modules is sys.modules, "sys" in modules)
import builtins
print(builtins.__dict__ is __builtins__.__dict__ if hasattr(__builtins__, "__dict__") else builtins.__dict__ is __builtins__)
