c = compile("a = 1", "<x>", "exec", dont_inherit=True)
print(c.co_filename)
c2 = compile("async def f(): pass", "<y>", "exec")
print(c2.co_names)
import ast
print(type(compile("1+1", "<ast>", "eval", ast.PyCF_ONLY_AST)).__name__)
