code = compile("x = 1 + 2\nprint('in exec', x)", "<prog>", "exec")
print(type(code).__name__, code.co_filename, code.co_name)
ns = {}
exec(code, ns)
print(ns["x"])
e = compile("3 * 7", "<expr>", "eval")
print(eval(e))
s = compile("1 + 1", "<single>", "single")
exec(s)
r = exec("y = 5")
print(r, y)
try:
    compile("x =", "<bad>", "exec")
except SyntaxError as err:
    print(err)
try:
    compile("1", "f", "bogus")
except ValueError as err:
    print(err)
try:
    eval("x = 1")
except SyntaxError as err:
    print(err.msg)
print(eval("  1 + 1\n"), eval(b"2 * 2"))
