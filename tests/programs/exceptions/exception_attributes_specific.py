try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason)
try:
    import nonexistent_module_xyz
except ModuleNotFoundError as e:
    print(e.name, e.path, e.msg, str(e))
try:
    {}.x
except AttributeError as e:
    print(e.name, type(e.obj).__name__)
try:
    undefined
except NameError as e:
    print(e.name)
e = SyntaxError("msg", ("f.py", 1, 2, "text", 1, 3))
print(e.msg, e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset, str(e))
