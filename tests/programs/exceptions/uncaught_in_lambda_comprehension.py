funcs = [lambda x: x + 1, lambda x: x["k"]]
print([f(1) for f in funcs])
