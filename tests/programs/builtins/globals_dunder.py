print(__name__, __doc__, __package__, __spec__, type(__builtins__).__name__)
print(sorted(k for k in globals() if k.startswith("__")))
