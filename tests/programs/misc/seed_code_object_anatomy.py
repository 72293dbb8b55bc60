def demo(a, b=2, *args, key=None, **kwargs):
    local = a + b
    return local
co = demo.__code__
for attr in ["co_name", "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals", "co_varnames", "co_names", "co_consts", "co_flags", "co_firstlineno", "co_stacksize"]:
    print(attr, getattr(co, attr))
