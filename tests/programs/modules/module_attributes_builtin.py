import sys, gc, builtins
for m in (sys, gc, builtins):
    print(m.__name__, m.__spec__.name if m.__spec__ else None, m.__package__, type(m.__dict__).__name__)
print(sys.__doc__.splitlines()[0])
