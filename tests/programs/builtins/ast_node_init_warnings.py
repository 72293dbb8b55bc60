# ast node constructors of 3.13: missing required fields and unknown keywords warn
# (DeprecationWarning); missing optional fields are None, list fields [], ctx Load().
PyCF_ONLY_AST = 0x400  # ast.PyCF_ONLY_AST, without importing the Lib module
Name = type(compile("x", "<n>", "eval", PyCF_ONLY_AST).body)
BinOp = type(compile("x + 1", "<b>", "eval", PyCF_ONLY_AST).body)
Call = type(compile("f()", "<c>", "eval", PyCF_ONLY_AST).body)
FunctionDef = type(compile("def f(): pass", "<f>", "exec", PyCF_ONLY_AST).body[0])
Name()
BinOp()
c = Call(func=None)
print(c.args, c.keywords, c.func)
f = FunctionDef()
print(f.returns, f.type_comment, f.body, f.decorator_list, f.type_params, hasattr(f, "name"))
n = Name("x", lineno=3, foo=1)
print(n.id, n.lineno, n.foo, type(n.ctx).__name__, n.end_lineno)
