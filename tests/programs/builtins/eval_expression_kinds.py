print(eval("[x * 2 for x in range(3)]"), eval("lambda: 5")(), eval("(yield)" if False else "1 if True else 2"))
print(eval("{'a': 1}['a']"), eval("__import__('sys').maxsize > 0"))
print(eval("x + 1", {"x": 1}), eval("len", {}) is len, eval("abs", {"__builtins__": {"abs": "replaced"}}))
