import sys
mod_type = type(sys)
m = mod_type("dynamic", "a docstring")
print(m.__name__, m.__doc__, repr(m), m.__dict__.keys() >= {"__name__", "__doc__"})
m.attr = 5
print(m.attr, sorted(k for k in vars(m) if not k.startswith("__")))
try:
    m.missing
except AttributeError as e:
    print(e)
def getattr_hook(name):
    return f"computed {name}"
m.__getattr__ = getattr_hook
print(m.anything)
sys.modules["dynamic"] = m
import dynamic
print(dynamic is m, dynamic.attr)
