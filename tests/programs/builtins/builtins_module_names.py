import builtins
names = [n for n in dir(builtins) if not n.startswith("_")]
print(len(names))
print(names)
