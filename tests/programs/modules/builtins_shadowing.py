import builtins
def len(x):
    return "shadowed"
print(len([1]), builtins.len([1]))
del len
print(len([1, 2]))
builtins.custom_global = "from builtins"
print(custom_global)
del builtins.custom_global
try:
    custom_global
except NameError as e:
    print(e)
