def f():
    pass
r = repr(f)
print(r.startswith("<function f at 0x"), type(f).__name__, f.__class__.__name__)
print(sorted(a for a in dir(f) if not a.startswith("__")))
print(f.__builtins__ is __builtins__.__dict__ if hasattr(__builtins__, "__dict__") else type(f.__builtins__).__name__)
print(f.__type_params__)
