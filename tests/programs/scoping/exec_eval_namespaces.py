ns = {}
exec("x = 5\ny = x * 2", ns)
print(ns["x"], ns["y"], "__builtins__" in ns)
print(eval("x + y", ns), eval("a * 2", {"a": 21}), eval("b", {}, {"b": 3}))
g = {"v": 1}
l = {"v": 2}
exec("w = v", g, l)
print(l["w"], "w" in g)
exec("def fn(): return v", g, l)
print(l["fn"]())
try:
    eval("1 +")
except SyntaxError as e:
    print(e.msg, e.lineno, e.offset)
print(eval("__name__"), eval("__name__", {"__name__": "other"}))
