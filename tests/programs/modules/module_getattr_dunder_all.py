import sys
m = type(sys)("mymod")
exec("""
__all__ = ["public"]
public = 1
_private = 2
def __getattr__(name):
    if name == "lazy":
        return "lazy value"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
""", m.__dict__)
sys.modules["mymod"] = m
from mymod import *
print(public, "_private" in dir())
from mymod import lazy
print(lazy)
try:
    from mymod import nothing
except ImportError as e:
    print(e)
