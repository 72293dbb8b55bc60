compile("def f(:\n    pass\n", "<dynamic>", "exec")
