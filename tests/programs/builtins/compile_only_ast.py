# compile(..., PyCF_ONLY_AST) returns the tree as ast objects.
PyCF_ONLY_AST = 0x400  # ast.PyCF_ONLY_AST, without importing the Lib module
t = compile("x = 1 + 2.5j\nprint(f'{x!r:>3}', b'\\x00', -y)\n", "<s>", "exec", PyCF_ONLY_AST)
print(type(t).__name__, type(t).__module__, [c.__name__ for c in type(t).__mro__])
assign, call = t.body
print(type(assign).__name__, assign._fields, assign.targets[0].id, type(assign.targets[0].ctx).__name__)
print(type(assign.value.op).__name__, assign.value.left.value, assign.value.right.value, assign.value.right.kind)
print(assign.lineno, assign.col_offset, assign.end_lineno, assign.end_col_offset, assign.type_comment)
fs = call.value.args[0]
print(type(fs).__name__, fs.values[0].conversion, fs.values[0].format_spec.values[0].value, call.value.args[1].value)
print(type(call.value.args[2].op).__name__, t.type_ignores, type(t)._fields, type(assign).__match_args__)
e = compile("a if b else [c async for c in d]", "<e>", "eval", PyCF_ONLY_AST)
print(type(e).__name__, e.body.test.id, e.body.orelse.generators[0].is_async)
fn = compile("@dec\ndef f[T](a, /, b=1, *c, d, **e) -> int: pass", "<f>", "exec", PyCF_ONLY_AST).body[0]
print(fn.name, [a.arg for a in fn.args.posonlyargs], [a.arg for a in fn.args.args], fn.args.vararg.arg)
print(fn.args.kw_defaults, fn.args.defaults[0].value, fn.returns.id, fn.type_params[0].name, fn.decorator_list[0].id)
Name = type(assign.targets[0])
BinOp = type(assign.value)
n = Name("z")
print(n.id, n.ctx, n._fields, n.end_lineno)
b = BinOp(n, type(assign.value.op)(), right=n)
print(b.left.id, b.right.id, type(b.op).__name__, type(b).__bases__[0].__name__)
try:
    Name(1, 2, 3)
except TypeError as ex:
    print(ex)
try:
    compile("1 +", "<bad>", "eval", PyCF_ONLY_AST)
except SyntaxError as ex:
    print(ex.msg, ex.lineno)
