c = compile("a = 1", "<x>", "exec", dont_inherit=True)
print(c.co_filename)
c2 = compile("async def f(): pass", "<y>", "exec")
print(c2.co_names)
PyCF_ONLY_AST = 0x400  # ast.PyCF_ONLY_AST, without importing the Lib module
print(type(compile("1+1", "<ast>", "eval", PyCF_ONLY_AST)).__name__)
